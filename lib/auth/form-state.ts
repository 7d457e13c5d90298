import type { ErrorCode } from "@/lib/errors";

/** What an auth or settings form action returns to its form. */
export interface FormState {
  /** Set when the action succeeded and the form should show a confirmation. */
  success?: string;
  /** A message about the whole form. */
  error?: string;
  /** The AppError code behind `error`, so a form can offer a way out (an upgrade link). */
  code?: ErrorCode;
  fieldErrors?: Record<string, string[] | undefined>;
  /** Submitted values to put back into the fields (never passwords). */
  values?: Record<string, string>;
}

export const initialFormState: FormState = {};
