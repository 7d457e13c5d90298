/**
 * Validation messages for a single form field. Give the input `aria-describedby={id}` (and
 * `aria-invalid`) when messages are present so assistive tech reads them with the field.
 */
function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  const text = messages?.filter((message) => message.trim() !== "").join(" ");
  if (!text) return null;

  return (
    <p id={id} data-slot="field-error" className="text-sm text-destructive">
      {text}
    </p>
  );
}

export { FieldError };
