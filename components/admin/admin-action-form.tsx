"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/auth/form-parts";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { initialFormState, type FormState } from "@/lib/auth/form-state";

type AdminAction = (state: FormState, form: FormData) => Promise<FormState>;

/**
 * One console action: hidden ids, a required reason (it goes into the audit trail), optionally a
 * ban length, and a submit button. `id` keeps the field ids unique when a page has several.
 */
export function AdminActionForm({
  id,
  action,
  hidden,
  submitLabel,
  destructive = false,
  withExpiry = false,
}: {
  id: string;
  action: AdminAction;
  hidden: Record<string, string>;
  submitLabel: string;
  destructive?: boolean;
  withExpiry?: boolean;
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  const reasonErrors = state.fieldErrors?.reason;
  const expiryErrors = state.fieldErrors?.expiresInDays;
  return (
    <form action={formAction} className="grid gap-3" noValidate>
      <FormMessage state={state} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-reason`}>Reason (kept in the audit trail)</Label>
        <Textarea
          id={`${id}-reason`}
          name="reason"
          required
          rows={2}
          className="min-h-16"
          defaultValue={state.values?.reason}
          aria-invalid={reasonErrors ? true : undefined}
          aria-describedby={reasonErrors ? `${id}-reason-error` : undefined}
        />
        <FieldError id={`${id}-reason-error`} messages={reasonErrors} />
      </div>
      {withExpiry ? (
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-expires`}>Ban length in days (empty: until lifted)</Label>
          <Input
            id={`${id}-expires`}
            name="expiresInDays"
            type="number"
            inputMode="numeric"
            min={1}
            max={3650}
            className="max-w-40"
            defaultValue={state.values?.expiresInDays}
            aria-invalid={expiryErrors ? true : undefined}
            aria-describedby={expiryErrors ? `${id}-expires-error` : undefined}
          />
          <FieldError id={`${id}-expires-error`} messages={expiryErrors} />
        </div>
      ) : null}
      <div>
        <SubmitButton size="sm" variant={destructive ? "destructive" : "outline"}>
          {submitLabel}
        </SubmitButton>
      </div>
    </form>
  );
}
