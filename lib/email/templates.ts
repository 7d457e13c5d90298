// The email template registry and renderer. Imports only React, React Email and `emails/`, so
// scripts (scripts/email-dev.ts) and tests can load it outside Next.js; keep `server-only`,
// `lib/env` and the database out of this file.
import { createElement, type ComponentType } from "react";
import { render } from "@react-email/render";

import AccountDeletionScheduled, {
  subject as accountDeletionScheduledSubject,
} from "@/emails/account-deletion-scheduled";
import AccountExists, { subject as accountExistsSubject } from "@/emails/account-exists";
import BackupFailed, { subject as backupFailedSubject } from "@/emails/backup-failed";
import ConfirmNewEmail, { subject as confirmNewEmailSubject } from "@/emails/confirm-new-email";
import ContactSales, { subject as contactSalesSubject } from "@/emails/contact-sales";
import DataExportReady, { subject as dataExportReadySubject } from "@/emails/data-export-ready";
import EmailChangeRequested, {
  subject as emailChangeRequestedSubject,
} from "@/emails/email-change-requested";
import MagicLink, { subject as magicLinkSubject } from "@/emails/magic-link";
import PaymentActionRequired, {
  subject as paymentActionRequiredSubject,
} from "@/emails/payment-action-required";
import PaymentFailed, { subject as paymentFailedSubject } from "@/emails/payment-failed";
import PaymentSucceeded, { subject as paymentSucceededSubject } from "@/emails/payment-succeeded";
import ProblemMerged, { subject as problemMergedSubject } from "@/emails/problem-merged";
import ProblemStatusChanged, {
  subject as problemStatusChangedSubject,
} from "@/emails/problem-status-changed";
import ResetPassword, { subject as resetPasswordSubject } from "@/emails/reset-password";
import SubscriptionCanceled, {
  subject as subscriptionCanceledSubject,
} from "@/emails/subscription-canceled";
import SubscriptionConfirmed, {
  subject as subscriptionConfirmedSubject,
} from "@/emails/subscription-confirmed";
import TrialEnding, { subject as trialEndingSubject } from "@/emails/trial-ending";
import UsageLimitReached, {
  subject as usageLimitReachedSubject,
} from "@/emails/usage-limit-reached";
import UsageWarning, { subject as usageWarningSubject } from "@/emails/usage-warning";
import VerifyEmail, { subject as verifyEmailSubject } from "@/emails/verify-email";
import Welcome, { subject as welcomeSubject } from "@/emails/welcome";
import WorkspaceInvitation, {
  subject as workspaceInvitationSubject,
} from "@/emails/workspace-invitation";
import type { LayoutOptions } from "@/emails/components/layout";

/**
 * - `transactional`: account, security and billing mail. Always sent; no unsubscribe link.
 * - `notification`: activity the recipient can opt out of. Rendered with an unsubscribe footer
 *   when `renderEmail` is given an `unsubscribeUrl`.
 */
export type EmailCategory = "transactional" | "notification";

interface TemplateEntry {
  component: { PreviewProps: object };
  subject: (props: never) => string;
  category: EmailCategory;
  /** Props that may be "" or absent. Every other PreviewProps key must be a non-blank string. */
  optionalProps?: readonly string[];
}

export const templates = {
  // Account and security
  "verify-email": {
    component: VerifyEmail,
    subject: verifyEmailSubject,
    category: "transactional",
  },
  "reset-password": {
    component: ResetPassword,
    subject: resetPasswordSubject,
    category: "transactional",
  },
  "magic-link": {
    component: MagicLink,
    subject: magicLinkSubject,
    category: "transactional",
  },
  "account-exists": {
    component: AccountExists,
    subject: accountExistsSubject,
    category: "transactional",
  },
  "confirm-new-email": {
    component: ConfirmNewEmail,
    subject: confirmNewEmailSubject,
    category: "transactional",
  },
  "email-change-requested": {
    component: EmailChangeRequested,
    subject: emailChangeRequestedSubject,
    category: "transactional",
  },
  welcome: {
    component: Welcome,
    subject: welcomeSubject,
    category: "transactional",
  },
  "workspace-invitation": {
    component: WorkspaceInvitation,
    subject: workspaceInvitationSubject,
    category: "transactional",
  },
  "data-export-ready": {
    component: DataExportReady,
    subject: dataExportReadySubject,
    category: "transactional",
  },
  "account-deletion-scheduled": {
    component: AccountDeletionScheduled,
    subject: accountDeletionScheduledSubject,
    category: "transactional",
  },
  // Billing
  "subscription-confirmed": {
    component: SubscriptionConfirmed,
    subject: subscriptionConfirmedSubject,
    category: "transactional",
    optionalProps: ["trialEndsOn"],
  },
  "payment-succeeded": {
    component: PaymentSucceeded,
    subject: paymentSucceededSubject,
    category: "transactional",
  },
  "payment-failed": {
    component: PaymentFailed,
    subject: paymentFailedSubject,
    category: "transactional",
  },
  "payment-action-required": {
    component: PaymentActionRequired,
    subject: paymentActionRequiredSubject,
    category: "transactional",
  },
  "trial-ending": {
    component: TrialEnding,
    subject: trialEndingSubject,
    category: "transactional",
  },
  "subscription-canceled": {
    component: SubscriptionCanceled,
    subject: subscriptionCanceledSubject,
    category: "transactional",
  },
  "usage-warning": {
    component: UsageWarning,
    subject: usageWarningSubject,
    category: "transactional",
  },
  "usage-limit-reached": {
    component: UsageLimitReached,
    subject: usageLimitReachedSubject,
    category: "transactional",
  },
  // Internal (to the sales inbox)
  "contact-sales": {
    component: ContactSales,
    subject: contactSalesSubject,
    category: "transactional",
  },
  // Internal (to the platform admins)
  "backup-failed": {
    component: BackupFailed,
    subject: backupFailedSubject,
    category: "transactional",
  },
  // Notifications
  "problem-status-changed": {
    component: ProblemStatusChanged,
    subject: problemStatusChangedSubject,
    category: "notification",
    optionalProps: ["note"],
  },
  "problem-merged": {
    component: ProblemMerged,
    subject: problemMergedSubject,
    category: "notification",
  },
} as const satisfies Record<string, TemplateEntry>;

export type TemplateName = keyof typeof templates;

/** What callers pass: the template's own props, without the layout options `renderEmail` adds. */
export type TemplateProps<T extends TemplateName> = Omit<
  Parameters<(typeof templates)[T]["component"]>[0],
  keyof LayoutOptions
>;

/** Every registered template, in registry order. */
export const templateNames = Object.keys(templates) as TemplateName[];

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(templates, name);
}

export function templateCategory(name: TemplateName): EmailCategory {
  return templates[name].category;
}

/** Notification mail can be unsubscribed from (and shows the link); transactional mail cannot. */
export function isNotification(name: TemplateName): boolean {
  return templateCategory(name) === "notification";
}

/** A copy of the template's realistic sample props, for previews and tests. */
export function previewProps<T extends TemplateName>(name: T): TemplateProps<T> {
  return { ...templates[name].component.PreviewProps } as TemplateProps<T>;
}

export interface RenderEmailOptions {
  /**
   * Absolute http(s) URL for the footer's "Unsubscribe from these emails" link. Used for
   * notification templates only; ignored for transactional ones, which never show it.
   */
  unsubscribeUrl?: string;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/**
 * html-to-text upper-cases headings by default ("CONFIRM YOUR EMAIL ADDRESS");
 * keep them in sentence case so the plain-text part reads like the HTML one.
 */
const plainTextSelectors = ["h1", "h2", "h3", "h4", "h5", "h6"].map((selector) => ({
  selector,
  options: { uppercase: false },
}));

/** Loosely-typed view of a registry entry, used only inside the renderer. */
interface AnyTemplate {
  component: ComponentType<Record<string, unknown>> & {
    PreviewProps: Record<string, unknown>;
  };
  subject: (props: Record<string, unknown>) => string;
  category: EmailCategory;
}

/** Required prop keys of a template, derived from its PreviewProps. */
export function requiredProps(name: TemplateName): string[] {
  const entry: TemplateEntry = templates[name];
  const optional = new Set<string>(entry.optionalProps ?? []);
  return Object.keys(entry.component.PreviewProps).filter((key) => !optional.has(key));
}

function assertProps(name: TemplateName, props: unknown): asserts props is Record<string, unknown> {
  const record = (typeof props === "object" && props !== null ? props : {}) as Record<
    string,
    unknown
  >;
  for (const key of requiredProps(name)) {
    const value = record[key];
    if (typeof value !== "string" || value.trim() === "") {
      throw new Error(`Email template "${name}" is missing prop "${key}"`);
    }
  }
}

function assertAbsoluteUrl(url: string): void {
  let protocol = "";
  try {
    protocol = new URL(url).protocol;
  } catch {
    // falls through to the error below
  }
  if (protocol !== "https:" && protocol !== "http:") {
    throw new Error(`renderEmail: unsubscribeUrl must be an absolute http(s) URL, got "${url}"`);
  }
}

/**
 * Render a registered template to its subject, HTML and plain-text parts. Throws
 * `Email template "x" is missing prop "y"` when a required prop is absent or blank.
 */
export async function renderEmail<T extends TemplateName>(
  name: T,
  props: TemplateProps<T>,
  options: RenderEmailOptions = {},
): Promise<RenderedEmail> {
  if (!isTemplateName(name)) {
    throw new Error(`Unknown email template "${String(name)}"`);
  }
  const template = templates[name] as unknown as AnyTemplate;
  assertProps(name, props);

  let unsubscribeUrl: string | undefined;
  if (template.category === "notification" && options.unsubscribeUrl) {
    assertAbsoluteUrl(options.unsubscribeUrl);
    unsubscribeUrl = options.unsubscribeUrl;
  }
  // Set last and always, so a stray `unsubscribeUrl` in loosely-typed props can't slip through.
  const layout: LayoutOptions = { unsubscribeUrl };
  const element = createElement(template.component, { ...props, ...layout });
  const [html, text] = await Promise.all([
    render(element),
    render(element, { plainText: true, htmlToTextOptions: { selectors: plainTextSelectors } }),
  ]);

  return { subject: template.subject(props), html, text };
}
