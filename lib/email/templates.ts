import { createElement, type ComponentType } from "react";
import { render } from "@react-email/render";

import AccountExists, { subject as accountExistsSubject } from "@/emails/account-exists";
import MagicLink, { subject as magicLinkSubject } from "@/emails/magic-link";
import ProblemStatusChanged, {
  subject as problemStatusChangedSubject,
} from "@/emails/problem-status-changed";
import ResetPassword, { subject as resetPasswordSubject } from "@/emails/reset-password";
import VerifyEmail, { subject as verifyEmailSubject } from "@/emails/verify-email";
import Welcome, { subject as welcomeSubject } from "@/emails/welcome";
import WorkspaceInvitation, {
  subject as workspaceInvitationSubject,
} from "@/emails/workspace-invitation";

export type EmailCategory = "transactional";

export const templates = {
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
  "workspace-invitation": {
    component: WorkspaceInvitation,
    subject: workspaceInvitationSubject,
    category: "transactional",
  },
  "account-exists": {
    component: AccountExists,
    subject: accountExistsSubject,
    category: "transactional",
  },
  "problem-status-changed": {
    component: ProblemStatusChanged,
    subject: problemStatusChangedSubject,
    category: "transactional",
    optionalProps: ["note"],
  },
  welcome: {
    component: Welcome,
    subject: welcomeSubject,
    category: "transactional",
  },
} as const;

export type TemplateName = keyof typeof templates;
export type TemplateProps<T extends TemplateName> = Parameters<
  (typeof templates)[T]["component"]
>[0];

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
}

/** Required prop keys of a template, derived from its PreviewProps. */
export function requiredProps(name: TemplateName): string[] {
  const entry = templates[name];
  const optional = new Set<string>("optionalProps" in entry ? entry.optionalProps : []);
  return Object.keys(templates[name].component.PreviewProps).filter((key) => !optional.has(key));
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

export async function renderEmail<T extends TemplateName>(
  name: T,
  props: TemplateProps<T>,
): Promise<RenderedEmail> {
  const template = templates[name] as unknown as AnyTemplate | undefined;
  if (!template) {
    throw new Error(`Unknown email template "${String(name)}"`);
  }
  assertProps(name, props);

  const element = createElement(template.component, props);
  const [html, text] = await Promise.all([
    render(element),
    render(element, { plainText: true, htmlToTextOptions: { selectors: plainTextSelectors } }),
  ]);

  return { subject: template.subject(props), html, text };
}
