"use client";

import Link from "next/link";
import { useFormStatus } from "react-dom";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { FormState } from "@/lib/auth/form-state";

interface FieldProps extends React.ComponentProps<typeof Input> {
  name: string;
  label: string;
  state: FormState;
  hint?: string;
}

/** A labelled input that shows its field errors from the action's state. */
export function Field({ name, label, state, hint, ...input }: FieldProps) {
  const errors = state.fieldErrors?.[name];
  const errorId = `${name}-error`;
  const hintId = hint ? `${name}-hint` : undefined;
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={name}>{label}</Label>
      <Input
        id={name}
        name={name}
        defaultValue={state.values?.[name]}
        aria-invalid={errors ? true : undefined}
        aria-describedby={[errors ? errorId : null, hintId].filter(Boolean).join(" ") || undefined}
        {...input}
      />
      {hint && !errors ? (
        <p id={hintId} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} messages={errors} />
    </div>
  );
}

export function SubmitButton({ children, ...props }: React.ComponentProps<typeof Button>) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" disabled={pending} aria-disabled={pending} {...props}>
      {pending ? "Please wait…" : children}
    </Button>
  );
}

/**
 * The form-level error or success message. Given `upgradeHref` (the workspace's billing page), a
 * plan limit error links there.
 */
export function FormMessage({ state, upgradeHref }: { state: FormState; upgradeHref?: string }) {
  if (state.error) {
    return (
      <Alert variant="destructive">
        <AlertDescription>
          <p>{state.error}</p>
          {upgradeHref && state.code === "limit_reached" ? (
            <Link
              href={upgradeHref}
              className="font-medium text-foreground underline underline-offset-4"
            >
              Upgrade
            </Link>
          ) : null}
        </AlertDescription>
      </Alert>
    );
  }
  if (state.success) {
    return (
      <Alert role="status">
        <AlertDescription>{state.success}</AlertDescription>
      </Alert>
    );
  }
  return null;
}
