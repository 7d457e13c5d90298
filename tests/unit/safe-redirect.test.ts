import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

const origin = new URL(env.APP_URL).origin;

describe("safeRedirectPath", () => {
  it("keeps paths of this site, with their query and hash", () => {
    expect(safeRedirectPath("/app")).toBe("/app");
    expect(safeRedirectPath("/b/acme/feedback/p/prb_1?sort=top#comments")).toBe(
      "/b/acme/feedback/p/prb_1?sort=top#comments",
    );
    expect(safeRedirectPath("/verified?next=%2Fapp%3Fplan%3Dpro")).toBe(
      "/verified?next=%2Fapp%3Fplan%3Dpro",
    );
    expect(safeRedirectPath("/invitations/inv_123")).toBe("/invitations/inv_123");
    // An absolute URL on our own origin is reduced to its path.
    expect(safeRedirectPath(`${origin}/w/acme?tab=members`)).toBe("/w/acme?tab=members");
    // Dot segments are resolved, as the browser would.
    expect(safeRedirectPath("/b/../app")).toBe("/app");
  });

  it.each([
    ["a backslash after the slash", "/\\evil.example/x"],
    ["two backslashes", "\\\\evil.example"],
    ["slash, backslash, slash", "/\\/evil.example"],
    ["a tab between the slashes", "/\t/evil.example"],
    ["a newline between the slashes", "/\n/evil.example"],
    ["a carriage return between the slashes", "/\r/evil.example"],
    ["a protocol-relative URL", "//evil.example/x"],
    ["a protocol-relative URL after a space", " //evil.example"],
    ["three slashes", "///evil.example"],
    ["a dot segment that leaves `//`", "/.//evil.example"],
    ["an encoded dot segment that leaves `//`", "/%2e//evil.example"],
    ["a parent segment that leaves `//`", "/a/..//evil.example"],
    ["encoded slashes", "/%2F%2Fevil.example"],
    ["encoded slashes, lower case", "/%2f%2fevil.example/x"],
    ["an encoded backslash", "/%5Cevil.example/x"],
    ["an encoded backslash, lower case", "/%5cevil.example"],
    ["a javascript: URL", "javascript:alert(document.cookie)"],
    ["a javascript: URL with odd case and spaces", " JavaScript:alert(1)"],
    ["a data: URL", "data:text/html,<script>alert(1)</script>"],
    ["an absolute URL to another host", "https://evil.example/app"],
    ["an absolute http URL to another host", "http://evil.example"],
    ["a scheme-relative URL with a host", "https:evil.example"],
    [
      "our host on another port",
      `${new URL(env.APP_URL).protocol}//${new URL(env.APP_URL).hostname}:1/app`,
    ],
    [
      "our host as a subdomain of another",
      `https://${new URL(env.APP_URL).hostname}.evil.example/`,
    ],
    ["credentials in front of another host", `${origin}@evil.example/`],
  ])("refuses %s", (_, value) => {
    expect(safeRedirectPath(value)).toBe("/app");
  });

  it("falls back for values that are not a usable string", () => {
    expect(safeRedirectPath(undefined)).toBe("/app");
    expect(safeRedirectPath(null)).toBe("/app");
    expect(safeRedirectPath(["/app"])).toBe("/app");
    expect(safeRedirectPath("")).toBe("/app");
    expect(safeRedirectPath(`/${"a".repeat(3000)}`)).toBe("/app");
    expect(safeRedirectPath("http://[::1")).toBe("/app");
  });

  it("uses the fallback it is given", () => {
    expect(safeRedirectPath("//evil.example", "/verified")).toBe("/verified");
    expect(safeRedirectPath("//evil.example", null)).toBeNull();
    expect(safeRedirectPath("/app", null)).toBe("/app");
  });
});
