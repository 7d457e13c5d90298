import { describe, expect, it } from "vitest";

import { previewProps, renderEmail, templateNames, type TemplateName } from "@/lib/email/templates";

interface Expectation {
  subject: string;
  /** Sentences and facts (amounts, dates, names) that must appear in the plain-text version. */
  facts: string[];
  /** Props holding URLs: each must appear in the text and as a link in the HTML. */
  links: string[];
}

const expectations: Record<TemplateName, Expectation> = {
  "verify-email": {
    subject: "Verify your email for Problemboard",
    facts: [
      "Confirm your email address",
      "Hi Ada Lovelace,",
      "This link expires in 24 hours.",
      "If you didn't sign up for Problemboard, you can safely ignore this email.",
    ],
    links: ["url"],
  },
  "reset-password": {
    subject: "Reset your Problemboard password",
    facts: [
      "Reset your password",
      "This link expires in 1 hour.",
      "If you didn't request a password reset, you can safely ignore this email.",
    ],
    links: ["url"],
  },
  "magic-link": {
    subject: "Your Problemboard sign-in link",
    facts: ["Sign in to Problemboard", "This link expires in 5 minutes."],
    links: ["url"],
  },
  "account-exists": {
    subject: "You already have a Problemboard account",
    facts: ["You already have one, so we didn't create another. Sign in instead."],
    links: ["signInUrl", "resetUrl"],
  },
  "confirm-new-email": {
    subject: "Confirm your new email for Problemboard",
    facts: [
      "Confirm your new email address",
      "You asked to use ada@analytical.example for your Problemboard account.",
      "This link expires in 24 hours.",
      "If you didn't ask for this, ignore this email: your account keeps its current address.",
    ],
    links: ["url"],
  },
  "email-change-requested": {
    subject: "Your Problemboard email is about to change",
    facts: [
      "asked to change its email address to ada@analytical.example.",
      "If this wasn't you, change your password and sign out your other devices now.",
    ],
    links: ["accountUrl"],
  },
  welcome: {
    subject: "Welcome to Problemboard",
    facts: [
      "Welcome to Problemboard, Ada Lovelace!",
      "1. Create a board",
      "2. Share its public link",
      "3. Triage problems",
    ],
    links: ["workspaceUrl"],
  },
  "workspace-invitation": {
    subject: "Grace Hopper invited you to Acme Inc on Problemboard",
    facts: [
      "Grace Hopper has invited you to join the Acme Inc workspace on Problemboard as an admin.",
    ],
    links: ["url"],
  },
  "data-export-ready": {
    subject: "Your Problemboard data export is ready",
    facts: ["The link works until March 10, 2026 at 14:00 UTC."],
    links: ["downloadUrl"],
  },
  "account-deletion-scheduled": {
    subject: "Your Problemboard account will be deleted on March 31, 2026",
    facts: ["It will be permanently deleted on March 31, 2026", "Cancel the deletion before then."],
    links: ["cancelUrl"],
  },
  "subscription-confirmed": {
    subject: "Your Pro plan is active",
    facts: [
      "Acme Inc is now on the Pro plan",
      "Monthly",
      "$29.00 per month",
      "Your free trial runs until December 11, 2026",
    ],
    links: ["billingUrl"],
  },
  "payment-succeeded": {
    subject: "Your Problemboard receipt (A1B2C3D4-0007)",
    facts: [
      "We received your payment of $29.00 for the Pro plan on Acme Inc.",
      "Paid on March 3, 2026",
      "Paid through April 3, 2026",
      "Invoice number A1B2C3D4-0007",
    ],
    links: ["invoiceUrl", "billingUrl"],
  },
  "payment-failed": {
    subject: "Action needed: the payment for Acme Inc failed",
    facts: [
      "We couldn't charge $29.00 for the Acme Inc subscription.",
      "Acme Inc keeps its current plan until March 17, 2026.",
      "moves to the Free plan: nothing is deleted, but Free plan limits apply.",
    ],
    links: ["updatePaymentUrl"],
  },
  "payment-action-required": {
    subject: "Confirm your $29.00 payment for Acme Inc",
    facts: [
      "Your bank asks you to confirm the payment of $29.00 for the Acme Inc subscription",
      "The payment isn't complete until you confirm it.",
    ],
    links: ["confirmUrl"],
  },
  "trial-ending": {
    subject: "Your Pro trial ends on March 17, 2026",
    facts: [
      "The Pro trial for Acme Inc ends on March 17, 2026.",
      "Acme Inc moves to the Free plan: nothing is deleted",
    ],
    links: ["billingUrl"],
  },
  "subscription-canceled": {
    subject: "Your Pro plan for Acme Inc has been canceled",
    facts: [
      "It stays active until April 3, 2026.",
      "Acme Inc moves to the Free plan: nothing is deleted, but Free plan limits apply.",
    ],
    links: ["billingUrl"],
  },
  "usage-warning": {
    subject: "Acme Inc is close to its limit of 2,000 new problems this month",
    facts: [
      "Acme Inc has used 1,600 of its 2,000 new problems this month (80%).",
      "until the count resets on April 1, 2026.",
    ],
    links: ["billingUrl"],
  },
  "usage-limit-reached": {
    subject: "Acme Inc has reached its limit of 2,000 new problems this month",
    facts: [
      "Acme Inc has reached its plan's limit of 2,000 new problems this month.",
      "No more can be added until the count resets on April 1, 2026.",
    ],
    links: ["billingUrl"],
  },
  "contact-sales": {
    subject: "Enterprise enquiry: Globex Corporation (120 seats)",
    facts: [
      "Name Grace Hopper",
      "Email grace@globex.example",
      "Company Globex Corporation",
      "Seats 120",
      "with SAML SSO through Okta.",
      "Could we get a call next week",
    ],
    links: [],
  },
  "backup-failed": {
    subject: "Database backup failed 4 times and gave up",
    facts: [
      "The database backup failed 4 times and gave up at March 10, 2026 at 14:58 UTC.",
      "could not store bk_20260310T142300Z_7d06a2.age: fetch failed",
      "The newest good backup is bk_20260310T082300Z_9f31c0 (March 10, 2026 at 08:23 UTC).",
      "a failed backup never deletes anything.",
    ],
    links: ["healthUrl"],
  },
  "problem-status-changed": {
    subject: "In progress: Exports time out for large boards",
    facts: [
      "A problem you follow on Acme feedback moved from Planned to In progress.",
      "The team wrote: “We're rebuilding exports as a background job.”",
    ],
    links: ["url"],
  },
  "problem-merged": {
    subject: "Merged into: Exports time out for large boards",
    facts: [
      "A problem you follow on Acme feedback describes the same problem as “Exports time out for large boards”, so the team merged them.",
      "The comments stay on the original problem, which is closed.",
    ],
    links: ["url"],
  },
};

const FOOTER = "Problemboard, Inc. · 548 Market St #49500 · San Francisco, CA 94104";

/** Collapse whitespace so assertions don't depend on line wrapping or table column padding. */
function normalize(text: string): string {
  return text.replace(/\s+/g, " ");
}

describe("email templates", () => {
  describe.each(templateNames)("%s", (name) => {
    const expected = expectations[name];
    const props = previewProps(name) as Record<string, unknown>;

    it("has realistic PreviewProps: every prop a non-blank string, every URL absolute", () => {
      for (const [key, value] of Object.entries(props)) {
        expect(typeof value, key).toBe("string");
        expect(String(value).trim(), key).not.toBe("");
        if (/url$/i.test(key)) expect(value, key).toMatch(/^https:\/\//);
      }
    });

    it("renders the subject and a plain-text part with the key facts and links", async () => {
      const email = await renderEmail(name, previewProps(name));

      expect(email.subject).toBe(expected.subject);
      expect(email.subject).not.toMatch(/\n/);

      const text = normalize(email.text);
      for (const fact of expected.facts) expect(text).toContain(fact);
      for (const key of expected.links) {
        expect(email.text).toContain(props[key]);
        expect(email.html).toContain(`href="${String(props[key])}"`);
      }
      expect(text).toContain(FOOTER);
      // Headings stay in sentence case (html-to-text upper-cases them by default).
      expect(email.text).not.toMatch(/^[A-Z ]{12,}$/m);

      expect(`Subject: ${email.subject}\n\n${email.text}`).toMatchSnapshot();
    });
  });

  it("covers every registered template", () => {
    expect(Object.keys(expectations).sort()).toEqual([...templateNames].sort());
  });

  it("keeps the visitor's text out of the contact-sales subject line and escapes it in HTML", async () => {
    const email = await renderEmail("contact-sales", {
      ...previewProps("contact-sales"),
      company: "Initech\r\nBcc: everyone@example.com",
      message: "<script>alert(1)</script>\nSecond line",
    });

    expect(email.subject).toBe("Enterprise enquiry: Initech Bcc: everyone@example.com (120 seats)");
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;<br/>Second line");
  });

  it.each(templateNames)("%s breaks a long word instead of widening the email", async (name) => {
    const email = await renderEmail(name, previewProps(name));
    // The card every template sits in: 560 px at most, and long words and URLs wrap inside it.
    expect(email.html).toMatch(/max-width:560px;[^"]*overflow-wrap:anywhere;word-break:break-word/);
  });
});
