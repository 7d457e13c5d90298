import type { FormState } from "@/lib/auth/form-state";
import { isAppError } from "@/lib/errors";

/**
 * Shared plumbing for server actions that take FormData: read it as a record, echo what was
 * typed, and turn an expected (AppError) failure into form state. Anything else is rethrown to
 * reach the error page.
 */
export const STALE_FORM: FormState = {
  error: "This form is out of date. Reload the page and try again.",
};

export function fields(form: FormData): Record<string, FormDataEntryValue> {
  return Object.fromEntries(form);
}

/** What was typed, to put back into the fields when the form comes back with errors. */
export function typed(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === "string") values[key] = value;
  return values;
}

/** Errors on one entry of a list ("blockedWords.3") show on the list's field. */
export function failed(error: unknown, values?: Record<string, string>): FormState {
  if (!isAppError(error)) throw error;
  const fieldErrors: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(error.fieldErrors ?? {})) {
    const field = key.split(".")[0] ?? key;
    fieldErrors[field] = [...new Set([...(fieldErrors[field] ?? []), ...messages])];
  }
  return { error: error.message, code: error.code, fieldErrors, values };
}
