import {
  EmailButton,
  EmailHeading,
  EmailLayout,
  EmailLink,
  FallbackLink,
  Paragraph,
} from "./components/layout";

export interface AccountExistsProps {
  name: string;
  signInUrl: string;
  resetUrl: string;
}

// Static subject; typed against the props so every template shares one signature.
export const subject: (props: AccountExistsProps) => string = () =>
  "You already have a Problemboard account";

/** Sent instead of a second account when someone signs up with an address that has one. */
export default function AccountExists({ name, signInUrl, resetUrl }: AccountExistsProps) {
  return (
    <EmailLayout preview="Someone tried to create a new account with this email address">
      <EmailHeading>You already have an account</EmailHeading>
      <Paragraph>Hi {name},</Paragraph>
      <Paragraph>
        Someone, probably you, tried to create a new Problemboard account with this email address.
        You already have one, so we didn&apos;t create another. Sign in instead.
      </Paragraph>
      <EmailButton href={signInUrl}>Sign in</EmailButton>
      <FallbackLink href={signInUrl} />
      <Paragraph muted>
        Forgot your password? Reset it here: <EmailLink href={resetUrl} />
      </Paragraph>
      <Paragraph muted>If this wasn&apos;t you, you can ignore this email.</Paragraph>
    </EmailLayout>
  );
}

AccountExists.PreviewProps = {
  name: "Ada Lovelace",
  signInUrl: "https://problemboard.app/sign-in",
  resetUrl: "https://problemboard.app/forgot-password",
} satisfies AccountExistsProps;
