import {
  EmailButton,
  EmailHeading,
  EmailLayout,
  FallbackLink,
  Paragraph,
} from "./components/layout";

export interface PaymentActionRequiredProps {
  workspaceName: string;
  /** Amount awaiting confirmation, formatted with its currency, e.g. "$29.00". */
  amount: string;
  /** Page where the customer completes the bank's check (3-D Secure). */
  confirmUrl: string;
}

export function subject({ amount, workspaceName }: PaymentActionRequiredProps): string {
  return `Confirm your ${amount} payment for ${workspaceName}`;
}

/** To workspace owners when the bank asks for 3-D Secure confirmation of a payment. */
export default function PaymentActionRequired({
  workspaceName,
  amount,
  confirmUrl,
}: PaymentActionRequiredProps) {
  return (
    <EmailLayout preview={`Your bank asks you to confirm a payment of ${amount}`}>
      <EmailHeading>Confirm your payment</EmailHeading>
      <Paragraph>
        Your bank asks you to confirm the payment of {amount} for the {workspaceName} subscription
        (3-D Secure). The payment isn&apos;t complete until you confirm it.
      </Paragraph>
      <EmailButton href={confirmUrl}>Confirm payment</EmailButton>
      <FallbackLink href={confirmUrl} />
      <Paragraph muted>
        If you don&apos;t recognise this payment, don&apos;t confirm it, and contact your bank.
      </Paragraph>
    </EmailLayout>
  );
}

PaymentActionRequired.PreviewProps = {
  workspaceName: "Acme Inc",
  amount: "$29.00",
  confirmUrl: "https://invoice.stripe.com/i/acct_preview/test_preview",
} satisfies PaymentActionRequiredProps;
