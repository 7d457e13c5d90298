import { Details } from "./components/details";
import { EmailButton, EmailHeading, EmailLayout, EmailLink, Paragraph } from "./components/layout";

export interface PaymentSucceededProps {
  workspaceName: string;
  planName: string;
  /** Amount charged, formatted with its currency, e.g. "$29.00". */
  amount: string;
  /** Formatted date of the payment, e.g. "March 3, 2026". */
  paidOn: string;
  /** Formatted date the paid period ends (the next renewal), e.g. "April 3, 2026". */
  periodEnd: string;
  /** Stripe invoice number, e.g. "A1B2C3D4-0007". */
  invoiceNumber: string;
  /** Hosted invoice page (view and download the PDF). */
  invoiceUrl: string;
  billingUrl: string;
}

export function subject({ invoiceNumber }: PaymentSucceededProps): string {
  return `Your Problemboard receipt (${invoiceNumber})`;
}

/** Receipt, to workspace owners after each successful subscription payment. */
export default function PaymentSucceeded({
  workspaceName,
  planName,
  amount,
  paidOn,
  periodEnd,
  invoiceNumber,
  invoiceUrl,
  billingUrl,
}: PaymentSucceededProps) {
  return (
    <EmailLayout preview={`We received your payment of ${amount} for ${workspaceName}`}>
      <EmailHeading>Payment received</EmailHeading>
      <Paragraph>
        We received your payment of {amount} for the {planName} plan on {workspaceName}. Thank you!
      </Paragraph>
      <Details
        rows={[
          ["Amount paid", amount],
          ["Paid on", paidOn],
          ["Workspace", workspaceName],
          ["Plan", planName],
          ["Paid through", periodEnd],
          ["Invoice number", invoiceNumber],
        ]}
      />
      <EmailButton href={invoiceUrl}>View invoice</EmailButton>
      <Paragraph muted>
        Past invoices and your payment method are in your billing settings:{" "}
        <EmailLink href={billingUrl} />
      </Paragraph>
    </EmailLayout>
  );
}

PaymentSucceeded.PreviewProps = {
  workspaceName: "Acme Inc",
  planName: "Pro",
  amount: "$29.00",
  paidOn: "March 3, 2026",
  periodEnd: "April 3, 2026",
  invoiceNumber: "A1B2C3D4-0007",
  invoiceUrl: "https://invoice.stripe.com/i/acct_preview/test_preview",
  billingUrl: "https://problemboard.app/w/acme/settings/billing",
} satisfies PaymentSucceededProps;
