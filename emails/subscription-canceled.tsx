import {
  EmailButton,
  EmailHeading,
  EmailLayout,
  FallbackLink,
  Paragraph,
} from "./components/layout";

export interface SubscriptionCanceledProps {
  workspaceName: string;
  planName: string;
  /** Formatted last day of the paid plan, e.g. "April 3, 2026" (today when it ended at once). */
  endsOn: string;
  billingUrl: string;
}

export function subject({ planName, workspaceName }: SubscriptionCanceledProps): string {
  return `Your ${planName} plan for ${workspaceName} has been canceled`;
}

/** To workspace owners when a subscription is canceled or ends. */
export default function SubscriptionCanceled({
  workspaceName,
  planName,
  endsOn,
  billingUrl,
}: SubscriptionCanceledProps) {
  return (
    <EmailLayout preview={`${workspaceName} keeps ${planName} until ${endsOn}`}>
      <EmailHeading>Your {planName} plan has been canceled</EmailHeading>
      <Paragraph>
        The {planName} plan for {workspaceName} has been canceled. It stays active until {endsOn}.
      </Paragraph>
      <Paragraph>
        After that, {workspaceName} moves to the Free plan: nothing is deleted, but Free plan limits
        apply.
      </Paragraph>
      <Paragraph>Changed your mind? You can subscribe again at any time.</Paragraph>
      <EmailButton href={billingUrl}>Open billing settings</EmailButton>
      <FallbackLink href={billingUrl} />
    </EmailLayout>
  );
}

SubscriptionCanceled.PreviewProps = {
  workspaceName: "Acme Inc",
  planName: "Pro",
  endsOn: "April 3, 2026",
  billingUrl: "https://problemboard.app/w/acme/settings/billing",
} satisfies SubscriptionCanceledProps;
