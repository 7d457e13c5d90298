import { EmailButton, EmailHeading, EmailLayout, Paragraph } from "./components/layout";
import { UsageMeter } from "./components/usage-meter";

export interface UsageWarningProps {
  workspaceName: string;
  /** What is counted, plural, as it reads after a number: "new problems this month". */
  metricLabel: string;
  /** Count so far, formatted: "1,600". */
  used: string;
  /** The plan's limit, formatted: "2,000". */
  limit: string;
  /** Share of the limit used, a whole number without "%": "80". */
  percent: string;
  /** Formatted date the count starts again, e.g. "April 1, 2026". */
  resetsOn: string;
  billingUrl: string;
}

export function subject({ workspaceName, limit, metricLabel }: UsageWarningProps): string {
  return `${workspaceName} is close to its limit of ${limit} ${metricLabel}`;
}

/** To workspace owners once per period when a metered limit reaches 80 %. */
export default function UsageWarning({
  workspaceName,
  metricLabel,
  used,
  limit,
  percent,
  resetsOn,
  billingUrl,
}: UsageWarningProps) {
  return (
    <EmailLayout preview={`${workspaceName} has used ${percent}% of its ${metricLabel}`}>
      <EmailHeading>You&apos;re close to your plan&apos;s limit</EmailHeading>
      <Paragraph>
        {workspaceName} has used {used} of its {limit} {metricLabel} ({percent}%).
      </Paragraph>
      <UsageMeter percent={percent} />
      <Paragraph>
        At the limit, no more can be added until the count resets on {resetsOn}. Everything already
        in the workspace stays as it is. Upgrade your plan to raise the limit.
      </Paragraph>
      <EmailButton href={billingUrl}>Compare plans</EmailButton>
    </EmailLayout>
  );
}

UsageWarning.PreviewProps = {
  workspaceName: "Acme Inc",
  metricLabel: "new problems this month",
  used: "1,600",
  limit: "2,000",
  percent: "80",
  resetsOn: "April 1, 2026",
  billingUrl: "https://problemboard.app/w/acme/settings/billing",
} satisfies UsageWarningProps;
