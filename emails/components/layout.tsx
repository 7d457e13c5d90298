import type { CSSProperties, ReactNode } from "react";
import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Link,
  Preview,
  Section,
  Text,
} from "@react-email/components";

export const BRAND_COLOR = "#4f46e5";
export const BRAND_COLOR_DARK = "#3730a3";
export const COMPANY_ADDRESS =
  "Problemboard, Inc. · 548 Market St #49500 · San Francisco, CA 94104";
/** Widest the email body gets; clients that honour max-width keep lines readable. */
export const EMAIL_MAX_WIDTH = "560px";

const fontFamily =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

const styles = {
  body: {
    backgroundColor: "#f4f4f7",
    margin: 0,
    padding: "24px 0",
    fontFamily,
  },
  container: {
    backgroundColor: "#ffffff",
    border: "1px solid #e5e7eb",
    borderTop: `4px solid ${BRAND_COLOR}`,
    borderRadius: "8px",
    margin: "0 auto",
    maxWidth: EMAIL_MAX_WIDTH,
    padding: "32px",
    // A long word or URL in a title, name or comment breaks instead of widening the email.
    overflowWrap: "anywhere",
    wordBreak: "break-word",
  },
  wordmark: {
    color: "#111827",
    fontSize: "20px",
    fontWeight: 700,
    letterSpacing: "-0.02em",
    lineHeight: "28px",
    margin: "0 0 24px",
  },
  logoMark: {
    backgroundColor: BRAND_COLOR,
    borderRadius: "6px",
    color: "#ffffff",
    display: "inline-block",
    fontSize: "16px",
    lineHeight: "28px",
    marginRight: "8px",
    textAlign: "center",
    width: "28px",
  },
  heading: {
    color: "#111827",
    fontSize: "20px",
    fontWeight: 600,
    lineHeight: "28px",
    margin: "0 0 16px",
  },
  paragraph: {
    color: "#374151",
    fontSize: "15px",
    lineHeight: "24px",
    margin: "0 0 16px",
  },
  muted: {
    color: "#6b7280",
    fontSize: "13px",
    lineHeight: "20px",
    margin: "0 0 12px",
  },
  buttonSection: {
    margin: "24px 0",
  },
  button: {
    backgroundColor: BRAND_COLOR,
    borderRadius: "6px",
    color: "#ffffff",
    display: "inline-block",
    fontSize: "15px",
    fontWeight: 600,
    lineHeight: "20px",
    padding: "12px 20px",
    textDecoration: "none",
  },
  link: {
    color: BRAND_COLOR_DARK,
    textDecoration: "underline",
    wordBreak: "break-all",
  },
  hr: {
    borderColor: "#e5e7eb",
    margin: "32px 0 16px",
  },
  footer: {
    color: "#6b7280",
    fontSize: "12px",
    lineHeight: "18px",
    margin: "0 0 4px",
  },
  footerLink: {
    color: "#6b7280",
    textDecoration: "underline",
  },
} satisfies Record<string, CSSProperties>;

/**
 * Props `renderEmail` adds to notification templates. Callers never pass them: they go through
 * `renderEmail(name, props, { unsubscribeUrl })`, and a template forwards them to `EmailLayout`.
 */
export interface LayoutOptions {
  /** Absolute URL that unsubscribes the recipient; shows the unsubscribe footer when set. */
  unsubscribeUrl?: string;
}

export interface EmailLayoutProps extends LayoutOptions {
  /** Inbox preview text (hidden in the body). */
  preview: string;
  children: ReactNode;
}

/**
 * Shared branded shell for every Problemboard email: text wordmark, body, and a footer with the
 * postal address (and an unsubscribe link for notification mail). Inline styles only, no images.
 */
export function EmailLayout({ preview, children, unsubscribeUrl }: EmailLayoutProps) {
  return (
    <Html lang="en" dir="ltr">
      <Head>
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
      </Head>
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.wordmark}>
            <span style={styles.logoMark} aria-hidden="true" data-skip-in-text={true}>
              P
            </span>
            Problemboard
          </Text>
          <Section>{children}</Section>
          <Hr style={styles.hr} />
          <Text style={styles.footer}>{COMPANY_ADDRESS}</Text>
          {unsubscribeUrl ? (
            <Text style={styles.footer}>
              <Link href={unsubscribeUrl} style={styles.footerLink}>
                Unsubscribe from these emails
              </Link>
            </Text>
          ) : null}
        </Container>
      </Body>
    </Html>
  );
}

export function EmailHeading({ children }: { children: ReactNode }) {
  return (
    <Heading as="h1" style={styles.heading}>
      {children}
    </Heading>
  );
}

export function Paragraph({ children, muted = false }: { children: ReactNode; muted?: boolean }) {
  return <Text style={muted ? styles.muted : styles.paragraph}>{children}</Text>;
}

export function EmailButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Section style={styles.buttonSection}>
      <Button href={href} style={styles.button}>
        {children}
      </Button>
    </Section>
  );
}

export function EmailLink({ href, children }: { href: string; children?: ReactNode }) {
  return (
    <Link href={href} style={styles.link}>
      {children ?? href}
    </Link>
  );
}

/**
 * "Copy and paste this link" fallback under a button, for clients that mangle buttons.
 * Skipped in the plain-text part, where the button already renders as "Label <url>".
 */
export function FallbackLink({ href }: { href: string }) {
  return (
    <Text style={styles.muted} data-skip-in-text={true}>
      If the button doesn&apos;t work, copy and paste this link into your browser:{" "}
      <EmailLink href={href} />
    </Text>
  );
}
