import { render } from "@react-email/render";
import { describe, expect, it } from "vitest";

import { EmailLayout } from "../../emails/components/layout";
import {
  renderEmail,
  requiredProps,
  templates,
  type TemplateName,
  type TemplateProps,
} from "../../lib/email/templates";

interface Expectation {
  subject: string;
  /** Sentences that must appear in the plain-text version. */
  sentences: string[];
  /** Prop holding the call-to-action URL. */
  urlProp: string;
}

const expectations: Record<TemplateName, Expectation> = {
  "verify-email": {
    subject: "Verify your email for Problemboard",
    sentences: [
      "Confirm your email address",
      "This link expires in 24 hours.",
      "If you didn't sign up for Problemboard, you can safely ignore this email.",
    ],
    urlProp: "url",
  },
  "reset-password": {
    subject: "Reset your Problemboard password",
    sentences: [
      "Reset your password",
      "This link expires in 1 hour.",
      "If you didn't request a password reset, you can safely ignore this email.",
    ],
    urlProp: "url",
  },
  "magic-link": {
    subject: "Your Problemboard sign-in link",
    sentences: ["Sign in to Problemboard", "This link expires in 5 minutes."],
    urlProp: "url",
  },
  "workspace-invitation": {
    subject: "Grace Hopper invited you to Acme Inc on Problemboard",
    sentences: [
      "Grace Hopper has invited you to join the Acme Inc workspace on Problemboard as an admin.",
    ],
    urlProp: "url",
  },
  "problem-status-changed": {
    subject: "In progress: Exports time out for large boards",
    sentences: [
      "A problem you follow on Acme feedback moved from Planned to In progress.",
      "We're rebuilding exports as a background job.",
    ],
    urlProp: "url",
  },
  "account-exists": {
    subject: "You already have a Problemboard account",
    sentences: ["You already have one, so we didn't create another. Sign in instead."],
    urlProp: "signInUrl",
  },
  welcome: {
    subject: "Welcome to Problemboard",
    sentences: [
      "Welcome to Problemboard, Ada Lovelace!",
      "Create a board",
      "Share its public link",
      "Triage problems",
    ],
    urlProp: "workspaceUrl",
  },
};

const FOOTER = "Problemboard · 548 Market St, San Francisco, CA 94104";

const names = Object.keys(templates) as TemplateName[];

function previewProps<T extends TemplateName>(name: T): TemplateProps<T> {
  return templates[name].component.PreviewProps as TemplateProps<T>;
}

/** Collapse whitespace so assertions don't depend on html-to-text line wrapping. */
function normalize(text: string): string {
  return text.replace(/\s+/g, " ");
}

describe("email templates", () => {
  it("registers exactly the transactional templates", () => {
    expect(names.sort()).toEqual(
      [
        "account-exists",
        "magic-link",
        "problem-status-changed",
        "reset-password",
        "verify-email",
        "welcome",
        "workspace-invitation",
      ].sort(),
    );
    for (const name of names) {
      expect(templates[name].category).toBe("transactional");
    }
  });

  describe.each(names)("%s", (name) => {
    const expected = expectations[name];

    it("renders subject, html and plain text from PreviewProps", async () => {
      const props = previewProps(name);
      const email = await renderEmail(name, props);
      const url = (props as unknown as Record<string, string>)[expected.urlProp];

      expect(url).toMatch(/^https:\/\//);
      expect(email.subject).toBe(expected.subject);

      const text = normalize(email.text);
      for (const sentence of expected.sentences) {
        expect(text).toContain(sentence);
      }
      expect(email.text).toContain(url);
      expect(text).toContain(FOOTER);
      expect(email.text).toMatchSnapshot();

      expect(email.html).toContain(`href="${url}"`);
      expect(email.html).toContain("#4f46e5");
      expect(email.html).toContain("Problemboard");
    });

    it("produces self-contained, accessible HTML", async () => {
      const { html } = await renderEmail(name, previewProps(name));

      expect(html).toMatch(/^<!DOCTYPE html/i);
      expect(html).not.toMatch(/<link[^>]*rel=["']?stylesheet/i);
      expect(html).not.toMatch(/<style[^>]*>[^<]*@import/i);
      for (const img of html.match(/<img\b[^>]*>/gi) ?? []) {
        expect(img).toMatch(/\balt="[^"]*\S[^"]*"/);
      }
      // Transactional emails carry no unsubscribe link.
      expect(html).not.toContain("Unsubscribe");
    });

    it.each(requiredProps(name))(
      "throws a clear error when %s is missing or empty",
      async (key) => {
        const props = { ...previewProps(name) } as Record<string, unknown>;
        const message = `Email template "${name}" is missing prop "${key}"`;

        delete props[key];
        await expect(renderEmail(name, props as never)).rejects.toThrow(message);

        props[key] = "   ";
        await expect(renderEmail(name, props as never)).rejects.toThrow(message);
      },
    );
  });

  it("rejects missing props at compile time and at run time", async () => {
    // @ts-expect-error -- `url` is required
    await expect(renderEmail("verify-email", { name: "Ada" })).rejects.toThrow(
      'Email template "verify-email" is missing prop "url"',
    );
  });
});

describe("EmailLayout", () => {
  it("adds an unsubscribe link only when unsubscribeUrl is given", async () => {
    const withLink = await render(
      <EmailLayout
        preview="Preview"
        footer={{ unsubscribeUrl: "https://problemboard.app/unsub?t=1" }}
      >
        Body
      </EmailLayout>,
    );
    expect(withLink).toContain('href="https://problemboard.app/unsub?t=1"');
    expect(withLink).toContain("Unsubscribe");
    expect(withLink).toContain(FOOTER);

    const without = await render(<EmailLayout preview="Preview">Body</EmailLayout>);
    expect(without).not.toContain("Unsubscribe");
  });
});
