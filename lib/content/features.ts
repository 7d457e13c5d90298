/**
 * What the product can do today and what is still to come: the one list the landing page, the
 * pricing page and the billing page build their feature claims from, so the site never sells a
 * capability the product doesn't have. When a capability ships, flip its `status` to "live" here
 * (and write its help article); the pages pick it up.
 *
 * `mentions` are the phrases that claim a capability in copy. `tests/unit/feature-claims.test.tsx`
 * renders the marketing pages and reads every file under `content/`, and fails when a capability
 * that is not live is mentioned outside a part marked "coming soon" (an element with
 * `data-capability-status="coming-soon"` in a page; a sentence or a heading's section containing
 * "coming soon" in markdown). Keep them specific enough not to match ordinary words.
 */

export type CapabilityStatus = "live" | "coming_soon";

export interface Capability {
  readonly name: string;
  /** One sentence, as a bullet on the landing page or a line in a "coming soon" list. */
  readonly summary: string;
  readonly status: CapabilityStatus;
  readonly mentions: readonly RegExp[];
}

export const CAPABILITIES = {
  problemBoards: {
    name: "Problem boards",
    summary: "Posts framed as problems: what gets in the way and why it matters",
    status: "live",
    mentions: [/\bproblem boards?\b/i],
  },
  publicBoards: {
    name: "Public and private boards",
    summary: "Public boards at a link you can share from your app, docs or emails",
    status: "live",
    mentions: [/\bpublic boards?\b/i, /\bprivate boards?\b/i],
  },
  votes: {
    name: "Votes",
    summary: "One vote per person per problem, so counts stay honest",
    status: "live",
    mentions: [/\bvot(e|es|ing)\b/i],
  },
  comments: {
    name: "Comments",
    summary: "Threaded comments with context from the people who feel the pain",
    status: "live",
    mentions: [/\bcomments?\b/i],
  },
  search: {
    name: "Search",
    summary: "Search a board by title and body before posting, so duplicates get found",
    status: "live",
    mentions: [/\bsearch\b/i],
  },
  statuses: {
    name: "Statuses",
    summary: "Statuses: open, under review, planned, in progress, solved, closed",
    status: "live",
    mentions: [/\bunder review\b/i],
  },
  followerEmails: {
    name: "Follower emails",
    summary: "Followers are emailed on every status change, without an update written by hand",
    status: "live",
    mentions: [/\bfollow(ers?|ing)?\b/i],
  },
  moderation: {
    name: "Moderation",
    summary: "Hold new authors' posts for review, take reports, and ban spammers",
    status: "live",
    mentions: [/\bmoderat(ion|e|ors?)\b/i],
  },
  magicLink: {
    name: "Magic link sign-in",
    summary: "Sign in with a password or a one-time link by email",
    status: "live",
    mentions: [/\bmagic link\b/i, /\bsign-in links?\b/i],
  },
  roles: {
    name: "Roles and invitations",
    summary: "Invite teammates as owners, admins, members or viewers",
    status: "live",
    mentions: [/\binvit(e|ations?)\b/i],
  },
  usageMeters: {
    name: "Usage meters",
    summary: "Usage meters show how close a workspace is to each plan limit",
    status: "live",
    mentions: [/\busage meters?\b/i],
  },
  auditLog: {
    name: "Audit log",
    summary: "An audit log of who changed members, boards, billing and moderation (Pro and up)",
    status: "live",
    mentions: [/\baudit log\b/i],
  },
  restApi: {
    name: "REST API",
    summary: "Read and write boards and problems from your own tools, with a TypeScript SDK",
    status: "coming_soon",
    mentions: [
      /\bREST API\b/i,
      /\bthe API\b/i,
      /\bAPI (access|requests?|rate|reference|documentation|docs)\b/i,
      /\/docs\/api\b/,
      /\/api\/v1\b/,
      /\bSDK\b/,
    ],
  },
  apiKeys: {
    name: "API keys",
    summary: "Workspace API keys for server-to-server access",
    status: "coming_soon",
    mentions: [/\bAPI keys?\b/i, /\bpb_(live|test)_/],
  },
  webhooks: {
    name: "Outgoing webhooks",
    summary: "Signed webhooks when a problem is posted or changes status",
    status: "coming_soon",
    mentions: [/\bwebhooks?\b/i],
  },
  sso: {
    name: "Single sign-on (SAML / OIDC)",
    summary: "Sign in through your company's identity provider, and enforce it for your domain",
    status: "coming_soon",
    mentions: [/\bSSO\b/, /\bsingle sign-on\b/i, /\bSAML\b/, /\bOIDC\b/],
  },
  twoFactor: {
    name: "Two-factor authentication",
    summary: "An authenticator app as a second sign-in step",
    status: "coming_soon",
    mentions: [/\btwo-factor\b/i, /\b2FA\b/, /\bauthenticator app\b/i],
  },
  dataExport: {
    name: "Self-serve data export",
    summary: "Download everything your account holds from your account settings",
    status: "coming_soon",
    mentions: [
      /\bexport (your|their|its) (account's |workspace's )?(personal )?data\b/i,
      /\bdata exports?\b/i,
      /\bexport\b[^.]*\b(account|workspace) settings\b/i,
      /\bdownload (an? )?export\b/i,
    ],
  },
  accountDeletion: {
    name: "Self-serve account and workspace deletion",
    summary: "Delete your account or a workspace yourself, from its settings",
    status: "coming_soon",
    mentions: [
      /\b(you|owners?|customers?) (can|may) delete (your|their|the) (account|workspace)/i,
      /\bdelete (your|their) (account|workspace)\b[^.]*\b(at any time|yourself)\b/i,
      /\bdelete\b[^.]*\b(account|workspace) settings\b/i,
    ],
  },
  auditLogExport: {
    name: "Audit log export",
    summary: "Export the audit log for your own records",
    status: "coming_soon",
    mentions: [/\baudit log\b[^.|]*\bexport\b/i, /\+ export\b/i],
  },
  analytics: {
    name: "Team analytics",
    summary: "Charts of what is rising, what gets solved, and how fast",
    status: "coming_soon",
    mentions: [/\b(team|workspace|board) analytics\b/i, /\bits analytics\b/i, /\bsee analytics\b/i],
  },
} as const satisfies Record<string, Capability>;

export type CapabilityId = keyof typeof CAPABILITIES;

export const CAPABILITY_IDS = Object.keys(CAPABILITIES) as CapabilityId[];

export function getCapability(id: CapabilityId): Capability {
  return CAPABILITIES[id];
}

export function isLive(id: CapabilityId): boolean {
  return CAPABILITIES[id].status === "live";
}

/** The capabilities not built yet, in list order, for "coming soon" sections. */
export function comingSoon(): { id: CapabilityId; capability: Capability }[] {
  return CAPABILITY_IDS.filter((id) => !isLive(id)).map((id) => ({
    id,
    capability: CAPABILITIES[id],
  }));
}

/** The live ones among `ids`, in the order given: what a page may claim. */
export function liveOnly(
  ids: readonly CapabilityId[],
): { id: CapabilityId; capability: Capability }[] {
  return ids.filter(isLive).map((id) => ({ id, capability: CAPABILITIES[id] }));
}

/** The attribute that marks a page element as describing capabilities still to come. */
export const COMING_SOON_ATTRIBUTE = { "data-capability-status": "coming-soon" } as const;
