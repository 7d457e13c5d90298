import { EmailButton, EmailHeading, EmailLayout, Paragraph } from "./components/layout";
import { UsageMeter } from "./components/usage-meter";

export interface UsageLimitReachedProps {
  workspaceName: string;
  /** What is counted, plural, as it reads after a number: "new problems this month". */
  metricLabel: string;
  /** The plan's limit, formatted: "2,000". */
  limit: string;
  /** Formatted date the count starts again, e.g. "April 1, 2026". */
  resetsOn: string;
  billingUrl: string;
}

export function subject({ workspaceName, limit, metricLabel }: UsageLimitReachedProps): string {
  return `${workspaceName} has reached its limit of ${limit} ${metricLabel}`;
}

/** To workspace owners once per period when a metered limit reaches 100 %. */
export default function UsageLimitReached({
  workspaceName,
  metricLabel,
  limit,
  resetsOn,
  billingUrl,
}: UsageLimitReachedProps) {
  return (
    <EmailLayout preview={`${workspaceName} has used all ${limit} ${metricLabel}`}>
      <EmailHeading>You&apos;ve reached your plan&apos;s limit</EmailHeading>
      <Paragraph>
        {workspaceName} has reached its plan&apos;s limit of {limit} {metricLabel}.
      </Paragraph>
      <UsageMeter percent="100" />
      <Paragraph>
        No more can be added until the count resets on {resetsOn}. Everything already in the
        workspace stays as it is. Upgrade your plan to raise the limit now.
      </Paragraph>
      <EmailButton href={billingUrl}>Upgrade plan</EmailButton>
    </EmailLayout>
  );
}

UsageLimitReached.PreviewProps = {
  workspaceName: "Acme Inc",
  metricLabel: "new problems this month",
  limit: "2,000",
  resetsOn: "April 1, 2026",
  billingUrl: "https://problemboard.app/w/acme/settings/billing",
} satisfies UsageLimitReachedProps;
