"use client";

import { useActionState } from "react";
import { contactSalesAction } from "@/app/(marketing)/pricing/actions";
import { Field, FormMessage, SubmitButton } from "@/components/auth/form-parts";
import { TextareaField } from "@/components/board/form-fields";
import { initialFormState } from "@/lib/auth/form-state";

/** The Enterprise enquiry form; prefilled with the signed-in visitor's name and email. */
export function ContactSalesForm({ name = "", email = "" }: { name?: string; email?: string }) {
  const [state, action] = useActionState(contactSalesAction, initialFormState);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          name="name"
          label="Name"
          autoComplete="name"
          state={state}
          defaultValue={state.values?.name ?? name}
          required
        />
        <Field
          name="email"
          label="Work email"
          type="email"
          autoComplete="email"
          state={state}
          defaultValue={state.values?.email ?? email}
          required
        />
        <Field name="company" label="Company" autoComplete="organization" state={state} required />
        <Field
          name="seats"
          label="Seats"
          inputMode="numeric"
          hint="Roughly how many people will triage problems."
          state={state}
          required
        />
      </div>
      <TextareaField
        name="message"
        label="Message"
        hint="What you need: limits, seats, terms, invoicing, a security review…"
        state={state}
        defaultValue={state.values?.message}
        required
      />
      <div>
        <SubmitButton>Contact sales</SubmitButton>
      </div>
    </form>
  );
}
