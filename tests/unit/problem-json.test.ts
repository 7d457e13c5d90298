import { describe, expect, it } from "vitest";
import { AppError, ERROR_STATUS } from "@/lib/errors";
import { problem } from "@/lib/http/problem-json";

describe("problem+json responses", () => {
  it("carry a typed code with its own status", async () => {
    const response = problem(404, "not_found", "Board not found.", "/b/acme/nope");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({
      code: "not_found",
      status: 404,
      detail: "Board not found.",
      instance: "/b/acme/nope",
    });
  });

  it("refuse, at compile time, a code outside the union or a status that is not the code's", () => {
    // tsc (npm run typecheck) fails if either line below compiles: a code must be in
    // ERROR_STATUS (lib/errors.ts), and the status must be that code's status.
    // @ts-expect-error "cron_not_configured" is not an ErrorCode
    const unknown = problem(503, "cron_not_configured", "Set CRON_SECRET.");
    // @ts-expect-error 401 is not the status of "forbidden" (403)
    const mismatched = problem(401, "forbidden", "No.");
    // @ts-expect-error AppError takes the same union
    const appError = new AppError("webhook_not_configured", "Not set.");
    expect([unknown.status, mismatched.status, appError.status]).toEqual([503, 401, undefined]);
  });

  it("have one status per code, all of them 4xx or 5xx", () => {
    for (const [code, status] of Object.entries(ERROR_STATUS)) {
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
      expect(new AppError(code as keyof typeof ERROR_STATUS, "x").status).toBe(status);
    }
  });
});
