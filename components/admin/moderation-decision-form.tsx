"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/auth/form-parts";
import { FieldError } from "@/components/ui/field-error";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { initialFormState, type FormState } from "@/lib/auth/form-state";

type DecisionAction = (state: FormState, form: FormData) => Promise<FormState>;

const DECISIONS = [
  { value: "approve", label: "Approve (publish)" },
  { value: "reject", label: "Reject (keep hidden)" },
  { value: "spam", label: "Spam (hide, and the author's other held posts here)" },
] as const;

/** A console decision on a held or reported post: approve, reject or spam, with a reason. */
export function ModerationDecisionForm({
  id,
  action,
  hidden,
}: {
  id: string;
  action: DecisionAction;
  hidden: Record<string, string>;
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  const decisionErrors = state.fieldErrors?.decision;
  const reasonErrors = state.fieldErrors?.reason;
  return (
    <form action={formAction} className="grid gap-3" noValidate>
      <FormMessage state={state} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <fieldset
        className="grid gap-1"
        aria-describedby={decisionErrors ? `${id}-decision-error` : undefined}
      >
        <legend className="mb-1 text-sm font-medium">Decision</legend>
        {DECISIONS.map((d) => (
          <label key={d.value} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="decision"
              value={d.value}
              defaultChecked={state.values?.decision === d.value}
            />
            {d.label}
          </label>
        ))}
        <FieldError id={`${id}-decision-error`} messages={decisionErrors} />
      </fieldset>
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
      <div>
        <SubmitButton size="sm" variant="outline">
          Decide
        </SubmitButton>
      </div>
    </form>
  );
}
