import { describe, expect, it } from "vitest";
import { passwordProblems } from "@/lib/auth/password-policy";

describe("password policy", () => {
  it("accepts a long passphrase", () => {
    expect(passwordProblems("purple-elephant-saxophone", "ada@example.com")).toEqual([]);
  });

  it("explains each problem", () => {
    expect(passwordProblems("short")).toEqual(["Use at least 10 characters."]);
    expect(passwordProblems("Password123")).toContain("This password is too common.");
    expect(passwordProblems("zzzzzzzzzzzz")).toContain("Use more different characters.");
    expect(passwordProblems("lovelace-rules-2026", "lovelace@example.com")).toContain(
      "Don't use your email address in your password.",
    );
    expect(passwordProblems("x".repeat(129))).toContain("Use at most 128 characters.");
  });
});
