"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/auth/form-parts";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { initialFormState, type FormState } from "@/lib/auth/form-state";

type AdminAction = (state: FormState, form: FormData) => Promise<FormState>;

/** A field an action asks for besides the reason (a select when it has options). */
export interface AdminField {
  name: string;
  label: string;
  type?: "text" | "date" | "number";
  options?: { value: string; label: string }[];
  defaultValue?: string;
  /** A short note under the label (what an empty value means, the unit). */
  hint?: string;
  required?: boolean;
  inputMode?: "numeric" | "decimal";
}

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
  fields = [],
}: {
  id: string;
  action: AdminAction;
  hidden: Record<string, string>;
  submitLabel: string;
  destructive?: boolean;
  withExpiry?: boolean;
  fields?: AdminField[];
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
      {fields.map((field) => (
        <ActionField key={field.name} formId={id} field={field} state={state} />
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

function ActionField({
  formId,
  field,
  state,
}: {
  formId: string;
  field: AdminField;
  state: FormState;
}) {
  const inputId = `${formId}-${field.name}`;
  const errors = state.fieldErrors?.[field.name];
  const describedBy =
    [field.hint ? `${inputId}-hint` : null, errors ? `${inputId}-error` : null]
      .filter(Boolean)
      .join(" ") || undefined;
  const value = state.values?.[field.name] ?? field.defaultValue;
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={inputId}>{field.label}</Label>
      {field.hint ? (
        <p id={`${inputId}-hint`} className="text-xs text-muted-foreground">
          {field.hint}
        </p>
      ) : null}
      {field.options ? (
        <select
          id={inputId}
          name={field.name}
          defaultValue={value}
          required={field.required}
          aria-invalid={errors ? true : undefined}
          aria-describedby={describedBy}
          className="h-9 max-w-64 rounded-md border border-input bg-transparent px-2 text-sm"
        >
          {field.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : (
        <Input
          id={inputId}
          name={field.name}
          type={field.type ?? "text"}
          inputMode={field.inputMode}
          required={field.required}
          className="max-w-64"
          defaultValue={value}
          aria-invalid={errors ? true : undefined}
          aria-describedby={describedBy}
        />
      )}
      <FieldError id={`${inputId}-error`} messages={errors} />
    </div>
  );
}
