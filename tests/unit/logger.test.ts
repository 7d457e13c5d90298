import { DrizzleQueryError } from "drizzle-orm/errors";
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
    expect(isRedactedKey("params")).toBe(true);
    expect(isRedactedKey("parameters")).toBe(true);
  });
});

/** What a failed statement throws: Drizzle's error around postgres.js's, both with the values. */
function failedQueryError(secret: string) {
  const postgresError = Object.defineProperties(
    new Error('invalid byte sequence for encoding "UTF8": 0x00'),
    {
      code: { value: "22021", enumerable: true },
      query: { value: 'insert into "comments" ("body") values ($1)', enumerable: true },
      parameters: { value: [secret], enumerable: true },
      args: { value: [[secret]], enumerable: true },
    },
  );
  return new DrizzleQueryError(
    'insert into "comments" ("body") values ($1)',
    [secret],
    postgresError,
  );
}

/** An error as a log line carries it. */
function serializeForLog(error: Error) {
  const { logger, lines } = capture();
  logger.error({ err: error }, "failed");
  return lines[0]!.err as { message: string; stack: string };
}

describe("logging a failed database statement", () => {
  const secret = "My whole private comment, line one\nand line two";

  it("keeps the statement and the cause's code, never the parameter values", () => {
    const { logger, lines } = capture();
    logger.error({ err: failedQueryError(secret), requestId: "r1" }, "Unexpected error");
    logger.error({ error: String(failedQueryError(secret)) }, "as a string");
    const text = JSON.stringify(lines);
    expect(text).not.toContain("private comment");
    expect(text).not.toContain("line two");
    const err = lines[0]!.err as Record<string, unknown>;
    expect(err.type).toBe("DrizzleQueryError");
    expect(err.message).toContain('insert into "comments"');
    expect(err.message).toContain("invalid byte sequence"); // the cause's message is kept
    expect(err).not.toHaveProperty("params");
    expect(err).not.toHaveProperty("parameters");
    expect(err).not.toHaveProperty("query");
    expect(lines[1]!.error).toContain("params: [omitted]");
  });

  it("keeps `$` sequences of the statement intact in the stack", () => {
    const error = new DrizzleQueryError("select $1 || '$&' || $$x$$", [secret], new Error("boom"));
    const serialized = serializeForLog(error);
    expect(serialized.stack).toContain("select $1 || '$&' || $$x$$\nparams: [omitted]");
    expect(serialized.stack).not.toContain("private comment");
  });

  it("leaves other errors as they were", () => {
    const { logger, lines } = capture();
    const error = Object.assign(new Error("Stripe is down"), { code: "api_error" });
    logger.error({ err: error }, "billing");
    expect(lines[0]!.err).toMatchObject({
      type: "Error",
      message: "Stripe is down",
      code: "api_error",
    });
    expect(String((lines[0]!.err as { stack: string }).stack)).toContain("Stripe is down");
  });
});

describe("request id", () => {
  it("is null outside a request (job worker, scripts)", async () => {
    expect(await currentRequestId()).toBeNull();
  });
});
