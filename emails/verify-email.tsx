import {
  EmailButton,
  EmailHeading,
  EmailLayout,
  FallbackLink,
  Paragraph,
} from "./components/layout";

export interface VerifyEmailProps {
  name: string;
  url: string;
}

// Static subject; typed against the props so every template shares one signature.
export const subject: (props: VerifyEmailProps) => string = () =>
  "Verify your email for Problemboard";

export default function VerifyEmail({ name, url }: VerifyEmailProps) {
  return (
    <EmailLayout preview="Confirm your email address to finish setting up Problemboard">
      <EmailHeading>Confirm your email address</EmailHeading>
      <Paragraph>Hi {name},</Paragraph>
      <Paragraph>
        Thanks for signing up for Problemboard. Please confirm your email address to finish setting
        up your account.
      </Paragraph>
      <EmailButton href={url}>Confirm email address</EmailButton>
      <FallbackLink href={url} />
      <Paragraph muted>This link expires in 24 hours.</Paragraph>
      <Paragraph muted>
        If you didn&apos;t sign up for Problemboard, you can safely ignore this email.
      </Paragraph>
    </EmailLayout>
  );
}

VerifyEmail.PreviewProps = {
  name: "Ada Lovelace",
  url: "https://problemboard.app/verify-email?token=preview-token",
} satisfies VerifyEmailProps;
