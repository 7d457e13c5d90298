import {
  EmailButton,
  EmailHeading,
  EmailLayout,
  FallbackLink,
  Paragraph,
  type LayoutOptions,
} from "./components/layout";

export interface ProblemMergedProps {
  /** The duplicate: the problem the recipient posted or followed. */
  problemTitle: string;
  /** The problem it was merged into, where votes, followers and updates now live. */
  keptTitle: string;
  boardName: string;
  /** "author" when the recipient posted the duplicate, "follower" otherwise. */
  reason: string;
  /** The kept problem's page. */
  url: string;
}

export function subject({ keptTitle }: ProblemMergedProps): string {
  return `Merged into: ${keptTitle}`;
}

/**
 * To the author and followers of a problem the team merged as a duplicate. A notification:
 * `renderEmail` passes `unsubscribeUrl` (LayoutOptions) through to the footer.
 */
export default function ProblemMerged({
  problemTitle,
  keptTitle,
  boardName,
  reason,
  url,
  unsubscribeUrl,
}: ProblemMergedProps & LayoutOptions) {
  const yours = reason === "author" ? "The problem you posted" : "A problem you follow";
  return (
    <EmailLayout
      preview={`${problemTitle} was merged into ${keptTitle}`}
      unsubscribeUrl={unsubscribeUrl}
    >
      <EmailHeading>{problemTitle}</EmailHeading>
      <Paragraph>
        {yours} on {boardName} describes the same problem as “{keptTitle}”, so the team merged them.
        Votes and followers moved over: you now follow “{keptTitle}” and get its status updates. The
        comments stay on the original problem, which is closed.
      </Paragraph>
      <EmailButton href={url}>See “{keptTitle}”</EmailButton>
      <FallbackLink href={url} />
      <Paragraph muted>
        You get this email because you posted or followed the merged problem. Unfollow the problem
        on its page to stop its updates.
      </Paragraph>
    </EmailLayout>
  );
}

ProblemMerged.PreviewProps = {
  problemTitle: "CSV export never finishes",
  keptTitle: "Exports time out for large boards",
  boardName: "Acme feedback",
  reason: "follower",
  url: "https://problemboard.app/b/acme/feedback/p/prb_preview",
} satisfies ProblemMergedProps;
