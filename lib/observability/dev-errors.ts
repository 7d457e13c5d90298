import { AppError } from "@/lib/errors";

/**
 * Errors thrown on purpose by the dev-tools routes under /dev/errors (404 unless
 * devToolsAllowed, lib/http/dev-tools.ts), to check end to end what reaches Sentry: a fault is reported once, with
 * its request id and without secrets; an expected AppError is not reported at all.
 */
export type DevErrorKind = "fault" | "expected";

export class DevToolsTestError extends Error {
  constructor(where: string) {
    super(`Test error thrown on purpose by the ${where} (dev tools)`);
    this.name = "DevToolsTestError";
  }
}

export function devErrorKind(value: string | null | undefined): DevErrorKind {
  return value === "expected" ? "expected" : "fault";
}

export function throwDevError(where: string, kind: DevErrorKind): never {
  if (kind === "expected") throw new AppError("not_found", "Nothing here (an expected error).");
  throw new DevToolsTestError(where);
}
