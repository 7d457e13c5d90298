/** What an auth or settings form action returns to its form. */
export interface FormState {
  /** Set when the action succeeded and the form should show a confirmation. */
  success?: string;
  /** A message about the whole form. */
  error?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** Submitted values to put back into the fields (never passwords). */
  values?: Record<string, string>;
}

export const initialFormState: FormState = {};
