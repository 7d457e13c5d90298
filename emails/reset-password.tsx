import {
  EmailButton,
  EmailHeading,
  EmailLayout,
  FallbackLink,
  Paragraph,
} from "./components/layout";

export interface ResetPasswordProps {
  name: string;
  url: string;
}

// Static subject; typed against the props so every template shares one signature.
export const subject: (props: ResetPasswordProps) => string = () =>
  "Reset your Problemboard password";

export default function ResetPassword({ name, url }: ResetPasswordProps) {
  return (
    <EmailLayout preview="Reset your Problemboard password">
      <EmailHeading>Reset your password</EmailHeading>
      <Paragraph>Hi {name},</Paragraph>
      <Paragraph>
        We received a request to reset the password for your Problemboard account. Click the button
        below to choose a new password.
      </Paragraph>
      <EmailButton href={url}>Reset password</EmailButton>
      <FallbackLink href={url} />
      <Paragraph muted>This link expires in 1 hour.</Paragraph>
      <Paragraph muted>
        If you didn&apos;t request a password reset, you can safely ignore this email. Your password
        won&apos;t change.
      </Paragraph>
    </EmailLayout>
  );
}

ResetPassword.PreviewProps = {
  name: "Ada Lovelace",
  url: "https://problemboard.app/reset-password?token=preview-token",
} satisfies ResetPasswordProps;
