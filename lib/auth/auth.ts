import "server-only";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { admin } from "better-auth/plugins/admin";
import { magicLink } from "better-auth/plugins/magic-link";
import { organization } from "better-auth/plugins/organization";
import {
  auditAuthEndpoint,
  auditPasswordReset,
  auditSessionCreated,
  auditSessionDeleted,
  auditUserUpdated,
  noteUserUpdate,
} from "@/lib/audit/auth-events";
import { db } from "@/lib/db";
import * as schema from "@/lib/db/schema";
import { sendEmail } from "@/lib/email/send-email";
import { env } from "@/lib/env";
import { createId } from "@/lib/ids";
import { assertAuthInput } from "./auth-input";
import { assertNoPlatformRoleChange } from "./platform-role-guard";
import { assertImpersonationLimits, IMPERSONATION_SESSION_SECONDS } from "./impersonation-guard";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblems } from "./password-policy";
import { allowAccountEmail, CLIENT_IP_HEADER } from "./auth-rate-limit";
import { assertSafeCallbackUrls } from "./callback-urls";
import { accessControl, betterAuthRoles } from "./permissions";
import {
  revokePasswordResetLinks,
  revokeResetLinksAfterPasswordChange,
} from "./revoke-password-reset-links";
import { onAuthError } from "./auth-errors";
import { discardUnfinishedSignUp } from "./unfinished-sign-up";
import { noteSignUpStart, padSignUp } from "./sign-up-timing";
import { defaultWorkspaceIdFor } from "./workspace-preference";
import {
  isEmailChangeVerification,
  sendEmailChangeVerification,
} from "@/lib/account/send-email-change";

const ID_PREFIX: Record<string, string> = {
  user: "usr",
  session: "ses",
  account: "acc",
  verification: "vrf",
  organization: "ws",
  member: "mem",
  invitation: "inv",
  rateLimit: "rl",
};

/** The platform role of a new user (admin plugin), also given to the sign-up decoy below. */
const DEFAULT_ROLE = "user";

/** Endpoints whose request carries a new password, and the body field that holds it. */
const PASSWORD_FIELDS: Record<string, string> = {
  "/sign-up/email": "password",
  "/reset-password": "newPassword",
  "/change-password": "newPassword",
};

export const auth = betterAuth({
  appName: "Problemboard",
  logger: { level: env.NODE_ENV === "test" ? "error" : "warn", disabled: env.NODE_ENV === "test" },
  baseURL: env.APP_URL,
  secret: env.BETTER_AUTH_SECRET,
  database: drizzleAdapter(db, {
    provider: "pg",
    // Better Auth's own transactions stay off: our hooks (session → remembered workspace, emails)
    // query through the app's connection, which would not see a transaction's uncommitted rows
    // and, on the single-session embedded PGlite, would wait for it forever. The user and their
    // personal workspace are atomic through a database trigger instead (see migrations).
    transaction: false,
    schema: {
      user: schema.users,
      session: schema.sessions,
      account: schema.accounts,
      verification: schema.verifications,
      organization: schema.workspaces,
      member: schema.members,
      invitation: schema.invitations,
      rateLimit: schema.rateLimits,
    },
  }),
  emailAndPassword: {
    enabled: true,
    requireEmailVerification: true,
    minPasswordLength: PASSWORD_MIN_LENGTH,
    maxPasswordLength: PASSWORD_MAX_LENGTH,
    resetPasswordTokenExpiresIn: 60 * 60,
    revokeSessionsOnPasswordReset: true,
    async onPasswordReset({ user }, request) {
      // The link used is gone; so are the others sent before it.
      await revokePasswordResetLinks(user.id);
      await auditPasswordReset(user.id, request);
    },
    // Signing up with a taken address answers like a fresh sign-up (no account enumeration) and
    // tells the owner of the address instead. Better Auth hashes the password on this path too,
    // and both answer after the same floor (./sign-up-timing.ts).
    async onExistingUserSignUp({ user }) {
      if (!(await allowAccountEmail(user.email, "account-exists"))) return;
      await sendEmail("account-exists", user.email, {
        name: user.name,
        signInUrl: `${env.APP_URL}/sign-in`,
        resetUrl: `${env.APP_URL}/forgot-password`,
      });
    },
    // The decoy user answered for a taken address, field for field what a real sign-up answers
    // (Better Auth's default leaves the admin plugin's `role` null, giving the account away).
    customSyntheticUser: ({ coreFields, additionalFields, id }) => ({
      ...coreFields,
      role: DEFAULT_ROLE,
      banned: false,
      banReason: null,
      banExpires: null,
      ...additionalFields,
      id,
    }),
    async sendResetPassword({ user, url, token }) {
      if (!(await allowAccountEmail(user.email, "reset-password"))) return;
      await sendEmail(
        "reset-password",
        user.email,
        { name: user.name, url },
        { idempotencyKey: `reset-password:${token}` },
      );
    },
  },
  emailVerification: {
    sendOnSignUp: true,
    // Signing in (with the right password) to an address not verified yet sends a fresh link, as
    // the sign-in form says; at most 5 account emails an hour reach one address
    // (allowAccountEmail below), however often someone tries.
    sendOnSignIn: true,
    autoSignInAfterVerification: true,
    expiresIn: 60 * 60 * 24,
    async afterEmailVerification(user, request) {
      // A confirmed change of address is not a new account: no welcome.
      if (isEmailChangeVerification(request)) return;
      await sendEmail(
        "welcome",
        user.email,
        { name: user.name, workspaceUrl: `${env.APP_URL}/app` },
        { idempotencyKey: `welcome:${user.id}` },
      );
    },
    async sendVerificationEmail({ user, url, token }) {
      // A change of address (user.changeEmail below): the new address confirms, the old one hears.
      if (await sendEmailChangeVerification(user, url, token)) return;
      if (!(await allowAccountEmail(user.email, "verify-email"))) return;
      await sendEmail(
        "verify-email",
        user.email,
        { name: user.name, url },
        { idempotencyKey: `verify-email:${token}` },
      );
    },
  },
  user: {
    // A new address takes effect only when its link is followed (Better Auth sends it through
    // sendVerificationEmail above with a change-email token); until then the old one stays.
    changeEmail: { enabled: true },
  },
  session: {
    expiresIn: 60 * 60 * 24 * 30,
    updateAge: 60 * 60 * 24,
  },
  // Off: every auth endpoint is limited by ours instead (lib/auth/auth-rate-limit.ts, checked by
  // the auth route and callAuth), so a refusal always has one shape: problem+json 429 with
  // RateLimit-* and Retry-After, never Better Auth's text/plain with X-Retry-After.
  rateLimit: { enabled: false },
  // A database that is away answers 503 with Retry-After, not Better Auth's bare 500
  // (lib/auth/auth-errors.ts); other errors are logged as Better Auth would.
  onAPIError: { onError: onAuthError },
  advanced: {
    // The client address as our route decided it (lib/http/client-ip.ts), never a raw
    // X-Forwarded-For that a client could write itself: for session records.
    ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    cookiePrefix: "pb",
    useSecureCookies: env.APP_URL.startsWith("https://"),
    defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    database: {
      generateId: ({ model }) => createId(ID_PREFIX[model] ?? "id"),
    },
  },
  databaseHooks: {
    session: {
      create: {
        // A new session opens in the workspace the user last switched to.
        async before(session) {
          const workspaceId = await defaultWorkspaceIdFor(session.userId);
          return { data: { ...session, activeOrganizationId: workspaceId } };
        },
        // Audit trail (lib/audit/auth-events.ts): sign-ins, sign-outs, revocations, email changes.
        after: auditSessionCreated,
      },
      delete: { after: auditSessionDeleted },
    },
    user: { update: { before: noteUserUpdate, after: auditUserUpdated } },
  },
  hooks: {
    before: createAuthMiddleware(async (ctx) => {
      noteSignUpStart(ctx);
      // Membership changes go through lib/workspaces (our rules: last owner, role limits,
      // invitations by verified email), never through the organization plugin's own endpoints.
      if (ctx.path.startsWith("/organization/")) {
        throw new APIError("NOT_FOUND", { message: "Not found." });
      }
      assertAuthInput(ctx); // no NUL; profile name and image (lib/auth/auth-input.ts)
      assertNoPlatformRoleChange(ctx); // admin:grant only (lib/auth/platform-role-guard.ts)
      // Console-only start; no password or email change while impersonating.
      await assertImpersonationLimits(ctx);
      // Where an emailed link or a sign-in leads: a page of this site only (no open redirect).
      assertSafeCallbackUrls({ body: ctx.body, query: ctx.query });
      // A sign-up that failed half-way before (user without password) is completed by this one.
      if (ctx.path === "/sign-up/email") {
        await discardUnfinishedSignUp((ctx.body as { email?: unknown } | undefined)?.email);
      }
      const field = PASSWORD_FIELDS[ctx.path];
      if (!field) return;
      const body = (ctx.body ?? {}) as Record<string, unknown>;
      const password = body[field];
      if (typeof password !== "string") return;
      const email = typeof body.email === "string" ? body.email : ctx.context.session?.user.email;
      const problems = passwordProblems(password, email);
      if (problems.length > 0) {
        throw new APIError("BAD_REQUEST", { code: "WEAK_PASSWORD", message: problems.join(" ") });
      }
    }),
    after: createAuthMiddleware(async (ctx) => {
      // A changed password ends the reset links sent before it.
      await revokeResetLinksAfterPasswordChange(ctx);
      // Failed sign-ins and password changes, for the audit trail.
      await auditAuthEndpoint(ctx);
      // A new address and a taken one answer after the same time.
      await padSignUp(ctx);
    }),
  },
  plugins: [
    organization({
      ac: accessControl,
      roles: betterAuthRoles,
      creatorRole: "owner",
      invitationExpiresIn: 60 * 60 * 24 * 7,
      async sendInvitationEmail({ id, email, role, organization: workspace, inviter }) {
        await sendEmail(
          "workspace-invitation",
          email,
          {
            inviterName: inviter.user.name,
            workspaceName: workspace.name,
            role,
            url: `${env.APP_URL}/invitations/${id}`,
          },
          { idempotencyKey: `invitation:${id}` },
        );
      },
    }),
    magicLink({
      expiresIn: 60 * 5,
      disableSignUp: true,
      async sendMagicLink({ email, url, token }) {
        if (!(await allowAccountEmail(email, "magic-link"))) return;
        await sendEmail("magic-link", email, { url }, { idempotencyKey: `magic-link:${token}` });
      },
    }),
    admin({
      defaultRole: DEFAULT_ROLE,
      adminRoles: ["admin"],
      // An impersonation ends by itself after an hour (the session is not refreshed: Better
      // Auth sets it as a "don't remember me" session). See docs/admin.md.
      impersonationSessionDuration: IMPERSONATION_SESSION_SECONDS,
    }),
    nextCookies(),
  ],
});

export type AuthSession = typeof auth.$Infer.Session;
