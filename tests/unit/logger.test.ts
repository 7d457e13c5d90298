import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/observability/logger";
import { isRedactedKey, REDACT_KEYS, REDACTED } from "@/lib/observability/redact";
import { currentRequestId } from "@/lib/observability/request-id";

function capture(level = "debug") {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(
    { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    level,
  );
  return { logger, lines };
}

describe("structured logs", () => {
  it("writes one JSON object per line with level name, ISO time, message and fields", () => {
    const { logger, lines } = capture();
    logger
      .child({ requestId: "9b2f7c1e-0c1a-4d8e-9f53-1a2b3c4d5e6f" })
      .warn({ jobs: 3 }, "queue lags");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "warn",
      msg: "queue lags",
      requestId: "9b2f7c1e-0c1a-4d8e-9f53-1a2b3c4d5e6f",
      jobs: 3,
      service: "problemboard",
    });
    expect(new Date(lines[0]!.time as string).toISOString()).toBe(lines[0]!.time);
  });

  it("redacts secrets at the top level and nested, and keeps everything else", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        password: "hunter2",
        user: { email: "ada@example.com", password: "hunter2" },
        request: { headers: { authorization: "Bearer abc", cookie: "pb.session_token=x" } },
        response: { headers: { "set-cookie": "pb.session_token=y" } },
        email: { to: "ada@example.com", html: "<a href='…?token=t'>", text: "…?token=t" },
        apiKey: "pb_live_123",
      },
      "signed in",
    );
    const line = JSON.stringify(lines[0]);
    for (const secret of ["hunter2", "Bearer abc", "pb.session_token", "token=t", "pb_live_123"]) {
      expect(line).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({
      password: REDACTED,
      user: { email: "ada@example.com", password: REDACTED },
      request: { headers: { authorization: REDACTED, cookie: REDACTED } },
      response: { headers: { "set-cookie": REDACTED } },
      email: { to: "ada@example.com", html: REDACTED, text: REDACTED },
    });
  });

  it("respects the level", () => {
    const { logger, lines } = capture("warn");
    logger.info("not written");
    logger.error("written");
    expect(lines.map((l) => l.msg)).toEqual(["written"]);
  });

  it("shares one list of sensitive keys, matched without regard to case", () => {
    expect(REDACT_KEYS).toContain("password");
    expect(isRedactedKey("Authorization")).toBe(true);
    expect(isRedactedKey("SET-COOKIE")).toBe(true);
    expect(isRedactedKey("email")).toBe(false);
  });
});

describe("request id", () => {
  it("is null outside a request (job worker, scripts)", async () => {
    expect(await currentRequestId()).toBeNull();
  });
});
