import { useId } from "react";
import { FieldError } from "@/components/ui/field-error";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import type { FormState } from "@/lib/auth/form-state";
import { cn } from "@/lib/utils";

export interface SelectOption {
  value: string;
  label: string;
}

interface NativeSelectProps extends React.ComponentProps<"select"> {
  options: SelectOption[];
}

/** A native select styled like `Input`, so it works before (and without) JavaScript. */
export function NativeSelect({ options, className, ...select }: NativeSelectProps) {
  return (
    <select
      className={cn(
        "h-9 w-full rounded-md border border-input bg-background px-2 text-sm shadow-xs outline-none",
        "focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50",
        "aria-invalid:border-destructive disabled:opacity-50",
        className,
      )}
      {...select}
    >
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

/**
 * Wires a control to its label, hint and field errors. Ids derive from `id`, else from `name` and
 * a page-unique suffix, so two forms with a field of the same name never share an id.
 */
function useDescribed(name: string, state: FormState, id: string | undefined, hint?: string) {
  const uniqueId = useId();
  const controlId = id ?? `${name}-${uniqueId}`;
  const errors = state.fieldErrors?.[name];
  const errorId = `${controlId}-error`;
  const hintId = hint ? `${controlId}-hint` : undefined;
  return {
    controlId,
    errors,
    errorId,
    hintId,
    aria: {
      "aria-invalid": errors ? true : undefined,
      "aria-describedby": [errors ? errorId : null, hintId].filter(Boolean).join(" ") || undefined,
    },
  };
}

interface TextareaFieldProps extends React.ComponentProps<typeof Textarea> {
  name: string;
  label: string;
  state: FormState;
  hint?: React.ReactNode;
  /** Visually hide the label (it is still announced). */
  hideLabel?: boolean;
}

/** A labelled textarea that shows its field errors from the action's state. */
export function TextareaField({
  name,
  label,
  state,
  hint,
  hideLabel,
  id,
  defaultValue,
  ...textarea
}: TextareaFieldProps) {
  const field = useDescribed(name, state, id, hint ? "hint" : undefined);
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={field.controlId} className={hideLabel ? "sr-only" : undefined}>
        {label}
      </Label>
      <Textarea
        id={field.controlId}
        name={name}
        defaultValue={state.values?.[name] ?? defaultValue}
        {...field.aria}
        {...textarea}
      />
      {hint && !field.errors ? (
        <p id={field.hintId} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      <FieldError id={field.errorId} messages={field.errors} />
    </div>
  );
}

interface SelectFieldProps extends NativeSelectProps {
  name: string;
  label: string;
  state: FormState;
}

/** A labelled native select that shows its field errors from the action's state. */
export function SelectField({ name, label, state, id, defaultValue, ...select }: SelectFieldProps) {
  const field = useDescribed(name, state, id);
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={field.controlId}>{label}</Label>
      <NativeSelect
        id={field.controlId}
        name={name}
        defaultValue={state.values?.[name] ?? defaultValue}
        {...field.aria}
        {...select}
      />
      <FieldError id={field.errorId} messages={field.errors} />
    </div>
  );
}

/** The markdown hint under problem and comment bodies. */
export const MARKDOWN_HINT = "Markdown works: **bold**, _italic_, `code`, lists and links.";
