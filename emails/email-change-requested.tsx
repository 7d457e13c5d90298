import {
  EmailButton,
  EmailHeading,
  EmailLayout,
  FallbackLink,
  Paragraph,
} from "./components/layout";

export interface EmailChangeRequestedProps {
  name: string;
  newEmail: string;
  /** Where to secure the account: the account page. */
  accountUrl: string;
}

export const subject: (props: EmailChangeRequestedProps) => string = () =>
  "Your Problemboard email is about to change";

/** To the old address when a change of the account's email is requested (a security notice). */
export default function EmailChangeRequested({
  name,
  newEmail,
  accountUrl,
}: EmailChangeRequestedProps) {
  return (
    <EmailLayout preview={`Someone asked to change your Problemboard email to ${newEmail}`}>
      <EmailHeading>Your email address is about to change</EmailHeading>
      <Paragraph>Hi {name},</Paragraph>
      <Paragraph>
        Someone signed in to your Problemboard account asked to change its email address to{" "}
        {newEmail}. Once that address is confirmed, you&apos;ll sign in with it and this address
        stops getting email from us.
      </Paragraph>
      <Paragraph>
        If this wasn&apos;t you, change your password and sign out your other devices now.
      </Paragraph>
      <EmailButton href={accountUrl}>Review your account</EmailButton>
      <FallbackLink href={accountUrl} />
    </EmailLayout>
  );
}

EmailChangeRequested.PreviewProps = {
  name: "Ada Lovelace",
  newEmail: "ada@analytical.example",
  accountUrl: "https://problemboard.app/account",
} satisfies EmailChangeRequestedProps;
