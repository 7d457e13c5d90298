import type { FormState } from "@/lib/auth/form-state";

/**
 * A one-line result under a small inline form: the named field's error, else the form's error,
 * else a quiet confirmation.
 */
export function FormNote({ id, state, field }: { id?: string; state: FormState; field?: string }) {
  const error = (field ? state.fieldErrors?.[field]?.join(" ") : undefined) || state.error;
  if (error) {
    return (
      <p id={id} role="alert" className="text-sm text-destructive">
        {error}
      </p>
    );
  }
  if (state.success) {
    return (
      <p id={id} role="status" className="text-sm text-muted-foreground">
        {state.success}
      </p>
    );
  }
  return null;
}
