import {
  EmailButton,
  EmailHeading,
  EmailLayout,
  FallbackLink,
  Paragraph,
} from "./components/layout";

export interface AccountDeletionScheduledProps {
  /** Formatted date the account is deleted for good, e.g. "March 31, 2026". */
  deletionDate: string;
  /** Link that cancels the scheduled deletion. */
  cancelUrl: string;
}

export function subject({ deletionDate }: AccountDeletionScheduledProps): string {
  return `Your Problemboard account will be deleted on ${deletionDate}`;
}

/** To the account's address right after its owner asks to delete it. */
export default function AccountDeletionScheduled({
  deletionDate,
  cancelUrl,
}: AccountDeletionScheduledProps) {
  return (
    <EmailLayout preview={`Your account will be deleted on ${deletionDate}`}>
      <EmailHeading>Your account is scheduled for deletion</EmailHeading>
      <Paragraph>
        We received a request to delete your Problemboard account. It will be permanently deleted on{" "}
        {deletionDate}, and this can&apos;t be undone after that date.
      </Paragraph>
      <Paragraph>Changed your mind? Cancel the deletion before then.</Paragraph>
      <EmailButton href={cancelUrl}>Keep my account</EmailButton>
      <FallbackLink href={cancelUrl} />
      <Paragraph muted>
        If you didn&apos;t ask to delete your account, cancel the deletion and change your password.
      </Paragraph>
    </EmailLayout>
  );
}

AccountDeletionScheduled.PreviewProps = {
  deletionDate: "March 31, 2026",
  cancelUrl: "https://problemboard.app/account/deletion/cancel?token=preview-token",
} satisfies AccountDeletionScheduledProps;
