import { describe, expect, it } from "vitest";
import { parseAdminGrantArgs } from "@/scripts/lib/admin-grant-args";

describe("npm run admin:grant arguments", () => {
  it("takes an email, --revoke and --reason", () => {
    expect(parseAdminGrantArgs(["op@example.com"])).toEqual({
      email: "op@example.com",
      revoke: false,
      reason: null,
    });
    expect(
      parseAdminGrantArgs(["--revoke", "op@example.com", "--reason", "left the team"]),
    ).toEqual({ email: "op@example.com", revoke: true, reason: "left the team" });
    expect(parseAdminGrantArgs(["op@example.com", "--reason=rotation"])).toMatchObject({
      reason: "rotation",
    });
  });

  it.each([
    [[], "Give the email of the user."],
    [["--demote", "op@example.com"], "Unknown option --demote."],
    [["a@example.com", "b@example.com"], "Give one email (got a@example.com and b@example.com)."],
    [["not-an-email"], "not-an-email is not an email address."],
    [["op@example.com", "--reason"], "--reason needs a text."],
  ])("refuses %j in one line: %s", (argv, message) => {
    const parsed = parseAdminGrantArgs(argv);
    expect(parsed).toHaveProperty("error");
    const error = (parsed as { error: string }).error;
    expect(error.startsWith(message)).toBe(true);
    expect(error).toContain("usage: npm run admin:grant");
    expect(error).not.toContain("\n");
  });
});
