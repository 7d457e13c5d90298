import { useId } from "react";
import { FieldError } from "@/components/ui/field-error";
import type { FormState } from "@/lib/auth/form-state";

export interface RadioOption {
  value: string;
  label: string;
  description?: string;
}

interface RadioGroupFieldProps {
  name: string;
  legend: string;
  options: RadioOption[];
  defaultValue: string;
  state: FormState;
}

/** A fieldset of native radios (each with an optional explanation) and its field errors. */
export function RadioGroupField({
  name,
  legend,
  options,
  defaultValue,
  state,
}: RadioGroupFieldProps) {
  const errors = state.fieldErrors?.[name];
  // Unique on the page, so two forms with a group of the same name never share ids.
  const groupId = `${name}-${useId()}`;
  const errorId = `${groupId}-error`;
  return (
    <fieldset
      className="grid gap-2"
      aria-invalid={errors ? true : undefined}
      aria-describedby={errors ? errorId : undefined}
    >
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      {options.map((option) => {
        const id = `${groupId}-${option.value}`;
        const descriptionId = option.description ? `${id}-description` : undefined;
        return (
          <div key={option.value} className="flex items-start gap-2">
            <input
              type="radio"
              id={id}
              name={name}
              value={option.value}
              defaultChecked={option.value === defaultValue}
              aria-describedby={descriptionId}
              className="mt-0.5 size-4 accent-primary"
            />
            <div className="grid gap-0.5">
              <label htmlFor={id} className="text-sm leading-none">
                {option.label}
              </label>
              {option.description ? (
                <p id={descriptionId} className="text-xs text-muted-foreground">
                  {option.description}
                </p>
              ) : null}
            </div>
          </div>
        );
      })}
      <FieldError id={errorId} messages={errors} />
    </fieldset>
  );
}
