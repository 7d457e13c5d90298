import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { reconnectDelay } from "@/lib/db/client";
import { DatabaseDeadlineError } from "@/lib/db/deadline";
import { isDatabaseUnavailable } from "@/lib/db/errors";

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

describe("database unavailable or not", () => {
  it("recognises a database that is away, through Drizzle's wrapper", () => {
    for (const cause of [
      withCode("ECONNREFUSED"),
      withCode("CONNECT_TIMEOUT"),
      withCode("CONNECTION_CLOSED"),
      withCode("57014", "canceling statement due to statement timeout"),
      withCode("57P01", "terminating connection due to administrator command"),
      withCode("57P03", "the database system is starting up"),
      withCode("53300", "too many connections"),
      withCode("08006"),
      withCode("25P03"),
      new DatabaseDeadlineError("A statement", 2_000),
    ]) {
      expect(isDatabaseUnavailable(new DrizzleQueryError("select 1", [], cause))).toBe(true);
    }
  });

  it("leaves real bugs and bad data as errors", () => {
    for (const cause of [
      withCode("23505", "duplicate key value violates unique constraint"),
      withCode("42P01", "relation does not exist"),
      withCode("22P02", "invalid input syntax"),
      new Error("boom"),
    ]) {
      expect(isDatabaseUnavailable(new DrizzleQueryError("select 1", [], cause))).toBe(false);
    }
    expect(isDatabaseUnavailable(null)).toBe(false);
  });

  it("reconnects after 50 ms doubling to at most 1 s, never postgres.js's 20 s", () => {
    expect(reconnectDelay(0, () => 1)).toBeCloseTo(0.05);
    expect(reconnectDelay(3, () => 1)).toBeCloseTo(0.4);
    expect(reconnectDelay(30, () => 1)).toBe(1);
    expect(reconnectDelay(30, () => 0)).toBe(0.5);
  });
});
