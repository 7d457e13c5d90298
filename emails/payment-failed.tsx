import {
  EmailButton,
  EmailHeading,
  EmailLayout,
  FallbackLink,
  Paragraph,
} from "./components/layout";

export interface PaymentFailedProps {
  workspaceName: string;
  /** Amount that could not be charged, formatted with its currency, e.g. "$29.00". */
  amount: string;
  /** Formatted last day of the grace period, e.g. "March 17, 2026". */
  graceEndsOn: string;
  updatePaymentUrl: string;
}

export function subject({ workspaceName }: PaymentFailedProps): string {
  return `Action needed: the payment for ${workspaceName} failed`;
}

/** To workspace owners when a renewal payment fails and the workspace enters its grace period. */
export default function PaymentFailed({
  workspaceName,
  amount,
  graceEndsOn,
  updatePaymentUrl,
}: PaymentFailedProps) {
  return (
    <EmailLayout preview={`Update your payment method to keep ${workspaceName}'s plan`}>
      <EmailHeading>Your payment didn&apos;t go through</EmailHeading>
      <Paragraph>
        We couldn&apos;t charge {amount} for the {workspaceName} subscription. This usually means
        the card expired, was replaced or was declined by the bank.
      </Paragraph>
      <Paragraph>
        {workspaceName} keeps its current plan until {graceEndsOn}. If the payment hasn&apos;t gone
        through by then, the workspace moves to the Free plan: nothing is deleted, but Free plan
        limits apply.
      </Paragraph>
      <EmailButton href={updatePaymentUrl}>Update payment method</EmailButton>
      <FallbackLink href={updatePaymentUrl} />
    </EmailLayout>
  );
}

PaymentFailed.PreviewProps = {
  workspaceName: "Acme Inc",
  amount: "$29.00",
  graceEndsOn: "March 17, 2026",
  updatePaymentUrl: "https://problemboard.app/w/acme/settings/billing",
} satisfies PaymentFailedProps;
