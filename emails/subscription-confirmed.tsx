import { Details } from "./components/details";
import { EmailButton, EmailHeading, EmailLayout, Paragraph } from "./components/layout";

export interface SubscriptionConfirmedProps {
  workspaceName: string;
  /** Display name of the plan, e.g. "Pro". */
  planName: string;
  billingInterval: "monthly" | "yearly";
  /** Price per interval, formatted with its currency, e.g. "$29.00". */
  amount: string;
  billingUrl: string;
  /** When a free trial ends and the first charge is made, formatted; "" without a trial. */
  trialEndsOn: string;
}

export function subject({ planName }: SubscriptionConfirmedProps): string {
  return `Your ${planName} plan is active`;
}

/** To workspace owners once a paid subscription starts (after checkout is confirmed by Stripe). */
export default function SubscriptionConfirmed({
  workspaceName,
  planName,
  billingInterval,
  amount,
  billingUrl,
  trialEndsOn,
}: SubscriptionConfirmedProps) {
  const per = billingInterval === "yearly" ? "year" : "month";
  return (
    <EmailLayout preview={`${workspaceName} is now on the ${planName} plan`}>
      <EmailHeading>Your {planName} plan is active</EmailHeading>
      <Paragraph>
        Thanks for subscribing. {workspaceName} is now on the {planName} plan, and its new limits
        apply right away.
      </Paragraph>
      {trialEndsOn ? (
        <Paragraph>
          Your free trial runs until {trialEndsOn}. The first charge of {amount} is made then,
          unless you cancel before.
        </Paragraph>
      ) : null}
      <Details
        rows={[
          ["Workspace", workspaceName],
          ["Plan", planName],
          ["Billing", billingInterval === "yearly" ? "Yearly" : "Monthly"],
          ["Price", `${amount} per ${per}`],
        ]}
      />
      <Paragraph>
        Receipts arrive by email after each payment. Change your plan, update your payment method or
        download invoices from your billing settings.
      </Paragraph>
      <EmailButton href={billingUrl}>Manage billing</EmailButton>
    </EmailLayout>
  );
}

SubscriptionConfirmed.PreviewProps = {
  workspaceName: "Acme Inc",
  planName: "Pro",
  billingInterval: "monthly",
  amount: "$29.00",
  billingUrl: "https://problemboard.app/w/acme/settings/billing",
  trialEndsOn: "December 11, 2026",
} satisfies SubscriptionConfirmedProps;
