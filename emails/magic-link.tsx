import {
  EmailButton,
  EmailHeading,
  EmailLayout,
  FallbackLink,
  Paragraph,
} from "./components/layout";

export interface MagicLinkProps {
  url: string;
}

// Static subject; typed against the props so every template shares one signature.
export const subject: (props: MagicLinkProps) => string = () => "Your Problemboard sign-in link";

export default function MagicLink({ url }: MagicLinkProps) {
  return (
    <EmailLayout preview="Your Problemboard sign-in link">
      <EmailHeading>Sign in to Problemboard</EmailHeading>
      <Paragraph>Click the button below to sign in to your Problemboard account.</Paragraph>
      <EmailButton href={url}>Sign in</EmailButton>
      <FallbackLink href={url} />
      <Paragraph muted>This link expires in 5 minutes.</Paragraph>
      <Paragraph muted>
        If you didn&apos;t try to sign in, you can safely ignore this email.
      </Paragraph>
    </EmailLayout>
  );
}

MagicLink.PreviewProps = {
  url: "https://problemboard.app/api/auth/magic-link/verify?token=preview-token",
} satisfies MagicLinkProps;
