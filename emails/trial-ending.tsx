import {
  EmailButton,
  EmailHeading,
  EmailLayout,
  FallbackLink,
  Paragraph,
} from "./components/layout";

export interface TrialEndingProps {
  workspaceName: string;
  planName: string;
  /** Formatted date the trial ends, e.g. "March 17, 2026". */
  trialEndsOn: string;
  billingUrl: string;
}

export function subject({ planName, trialEndsOn }: TrialEndingProps): string {
  return `Your ${planName} trial ends on ${trialEndsOn}`;
}

/** To workspace owners a few days before a trial ends. */
export default function TrialEnding({
  workspaceName,
  planName,
  trialEndsOn,
  billingUrl,
}: TrialEndingProps) {
  return (
    <EmailLayout preview={`The ${planName} trial for ${workspaceName} ends on ${trialEndsOn}`}>
      <EmailHeading>Your trial ends on {trialEndsOn}</EmailHeading>
      <Paragraph>
        The {planName} trial for {workspaceName} ends on {trialEndsOn}.
      </Paragraph>
      <Paragraph>
        If a payment method is on file, the subscription continues and the first payment is taken
        then. If not, {workspaceName} moves to the Free plan: nothing is deleted, but Free plan
        limits apply.
      </Paragraph>
      <EmailButton href={billingUrl}>Review billing</EmailButton>
      <FallbackLink href={billingUrl} />
    </EmailLayout>
  );
}

TrialEnding.PreviewProps = {
  workspaceName: "Acme Inc",
  planName: "Pro",
  trialEndsOn: "March 17, 2026",
  billingUrl: "https://problemboard.app/w/acme/settings/billing",
} satisfies TrialEndingProps;
