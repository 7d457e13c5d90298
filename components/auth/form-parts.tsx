"use client";

import Link from "next/link";
import { useId } from "react";
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

/**
 * A labelled input that shows its field errors from the action's state. Its id (and the ids of its
 * hint and error, which `aria-describedby` points at) is unique on the page unless `id` is given,
 * so two forms with a field of the same name (sign-in's email and magic-link email) never share a
 * label or an error id.
 */
export function Field({ name, label, state, hint, id, ...input }: FieldProps) {
  const uniqueId = useId();
  const inputId = id ?? `${name}-${uniqueId}`;
  const errors = state.fieldErrors?.[name];
  const errorId = `${inputId}-error`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={inputId}>{label}</Label>
      <Input
        id={inputId}
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
