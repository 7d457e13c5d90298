import {
  EmailButton,
  EmailHeading,
  EmailLayout,
  FallbackLink,
  Paragraph,
} from "./components/layout";

export interface WorkspaceInvitationProps {
  inviterName: string;
  workspaceName: string;
  role: string;
  url: string;
}

export function subject({ inviterName, workspaceName }: WorkspaceInvitationProps): string {
  return `${inviterName} invited you to ${workspaceName} on Problemboard`;
}

export default function WorkspaceInvitation({
  inviterName,
  workspaceName,
  role,
  url,
}: WorkspaceInvitationProps) {
  return (
    <EmailLayout preview={`Join ${workspaceName} on Problemboard`}>
      <EmailHeading>Join {workspaceName} on Problemboard</EmailHeading>
      <Paragraph>
        {inviterName} has invited you to join the {workspaceName} workspace on Problemboard as{" "}
        {/^[aeiou]/i.test(role) ? "an" : "a"} {role}.
      </Paragraph>
      <Paragraph>
        Problemboard helps teams collect the problems their customers face, see what matters most,
        and decide what to work on next.
      </Paragraph>
      <EmailButton href={url}>Accept invitation</EmailButton>
      <FallbackLink href={url} />
      <Paragraph muted>
        If you weren&apos;t expecting this invitation, you can safely ignore this email.
      </Paragraph>
    </EmailLayout>
  );
}

WorkspaceInvitation.PreviewProps = {
  inviterName: "Grace Hopper",
  workspaceName: "Acme Inc",
  role: "admin",
  url: "https://problemboard.app/invitations/preview-invitation-id",
} satisfies WorkspaceInvitationProps;
