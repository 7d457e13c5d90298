import {
  EmailButton,
  EmailHeading,
  EmailLayout,
  FallbackLink,
  Paragraph,
} from "./components/layout";

export interface ConfirmNewEmailProps {
  name: string;
  newEmail: string;
  url: string;
}

export const subject: (props: ConfirmNewEmailProps) => string = () =>
  "Confirm your new email for Problemboard";

/** To the new address when someone changes their account's email: nothing changes until they confirm. */
export default function ConfirmNewEmail({ name, newEmail, url }: ConfirmNewEmailProps) {
  return (
    <EmailLayout preview="Confirm your new email address to start using it on Problemboard">
      <EmailHeading>Confirm your new email address</EmailHeading>
      <Paragraph>Hi {name},</Paragraph>
      <Paragraph>
        You asked to use {newEmail} for your Problemboard account. Confirm it, and you&apos;ll sign
        in and get email at this address from then on.
      </Paragraph>
      <EmailButton href={url}>Confirm new email address</EmailButton>
      <FallbackLink href={url} />
      <Paragraph muted>This link expires in 24 hours.</Paragraph>
      <Paragraph muted>
        If you didn&apos;t ask for this, ignore this email: your account keeps its current address.
      </Paragraph>
    </EmailLayout>
  );
}

ConfirmNewEmail.PreviewProps = {
  name: "Ada Lovelace",
  newEmail: "ada@analytical.example",
  url: "https://problemboard.app/api/auth/verify-email?token=preview-token",
} satisfies ConfirmNewEmailProps;
