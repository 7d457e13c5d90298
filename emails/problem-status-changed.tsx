import {
  EmailButton,
  EmailHeading,
  EmailLayout,
  FallbackLink,
  Paragraph,
  type LayoutOptions,
} from "./components/layout";

export interface ProblemStatusChangedProps {
  problemTitle: string;
  boardName: string;
  fromStatus: string;
  toStatus: string;
  /** The team's public note on the change; "" when there is none. */
  note: string;
  url: string;
}

export function subject({ problemTitle, toStatus }: ProblemStatusChangedProps): string {
  return `${toStatus}: ${problemTitle}`;
}

/**
 * To followers of a problem when the team moves it along. A notification: `renderEmail` passes
 * `unsubscribeUrl` (LayoutOptions) through to the footer.
 */
export default function ProblemStatusChanged({
  problemTitle,
  boardName,
  fromStatus,
  toStatus,
  note,
  url,
  unsubscribeUrl,
}: ProblemStatusChangedProps & LayoutOptions) {
  return (
    <EmailLayout preview={`${problemTitle} is now ${toStatus}`} unsubscribeUrl={unsubscribeUrl}>
      <EmailHeading>{problemTitle}</EmailHeading>
      <Paragraph>
        A problem you follow on {boardName} moved from {fromStatus} to {toStatus}.
      </Paragraph>
      {note ? <Paragraph>The team wrote: “{note}”</Paragraph> : null}
      <EmailButton href={url}>See the problem</EmailButton>
      <FallbackLink href={url} />
      <Paragraph muted>
        You get these emails because you posted, commented on or followed this problem. Unfollow it
        on its page to stop them.
      </Paragraph>
    </EmailLayout>
  );
}

ProblemStatusChanged.PreviewProps = {
  problemTitle: "Exports time out for large boards",
  boardName: "Acme feedback",
  fromStatus: "Planned",
  toStatus: "In progress",
  note: "We're rebuilding exports as a background job.",
  url: "https://problemboard.app/b/acme/feedback/p/prb_preview",
} satisfies ProblemStatusChangedProps;
