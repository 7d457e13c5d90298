"use client";

import { useActionState } from "react";
import {
  openBillingPortalAction,
  startCheckoutAction,
} from "@/app/(app)/w/[workspace]/billing/actions";
import { Field, FormMessage, SubmitButton } from "@/components/auth/form-parts";
import { RadioGroupField, type RadioOption } from "@/components/app/radio-group-field";
import { initialFormState } from "@/lib/auth/form-state";

/**
 * Choose a paid plan, interval and (for Team) seats, then continue to Stripe Checkout. Works
 * without JavaScript: native radios and a plain form post.
 */
export function ChoosePlanForm({
  workspaceId,
  plans,
  intervals,
  defaultPlan,
  defaultInterval,
  minSeats,
}: {
  workspaceId: string;
  plans: RadioOption[];
  intervals: RadioOption[];
  defaultPlan: string;
  defaultInterval: string;
  /** The smallest seat count Team accepts here (its minimum, or the current member count). */
  minSeats: number;
}) {
  const [state, action] = useActionState(startCheckoutAction, initialFormState);
  return (
    <form action={action} className="grid gap-6" noValidate>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <FormMessage state={state} />
      <div className="grid gap-6 sm:grid-cols-2">
        <RadioGroupField
          name="plan"
          legend="Plan"
          options={plans}
          defaultValue={state.values?.plan || defaultPlan}
          state={state}
        />
        <RadioGroupField
          name="interval"
          legend="Billing"
          options={intervals}
          defaultValue={state.values?.interval || defaultInterval}
          state={state}
        />
      </div>
      <div className="max-w-40">
        <Field
          name="seats"
          label="Seats (Team only)"
          type="number"
          inputMode="numeric"
          min={minSeats}
          defaultValue={state.values?.seats || String(minSeats)}
          hint={`At least ${minSeats}.`}
          state={state}
        />
      </div>
      <div>
        <SubmitButton>Continue to checkout</SubmitButton>
      </div>
    </form>
  );
}

/** Start checkout for one plan from its pricing card. */
export function PlanCheckoutButton({
  workspaceId,
  plan,
  interval,
  children,
}: {
  workspaceId: string;
  plan: string;
  interval: string;
  children: React.ReactNode;
}) {
  const [state, action] = useActionState(startCheckoutAction, initialFormState);
  return (
    <form action={action} className="grid w-full gap-3">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="plan" value={plan} />
      <input type="hidden" name="interval" value={interval} />
      <FormMessage state={state} />
      <SubmitButton className="w-full">{children}</SubmitButton>
    </form>
  );
}

/** Open the Stripe customer portal. */
export function ManageBillingForm({ workspaceId }: { workspaceId: string }) {
  const [state, action] = useActionState(openBillingPortalAction, initialFormState);
  return (
    <form action={action} className="grid gap-3">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <FormMessage state={state} />
      <div>
        <SubmitButton>Manage billing</SubmitButton>
      </div>
    </form>
  );
}
