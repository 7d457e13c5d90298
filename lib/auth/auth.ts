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
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblems } from "./password-policy";
import { CLIENT_IP_HEADER } from "./auth-rate-limit";
import { accessControl, betterAuthRoles } from "./permissions";
import { defaultWorkspaceIdFor } from "./workspace-preference";

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
    onPasswordReset: ({ user }, request) => auditPasswordReset(user.id, request),
    // Signing up with a taken address answers like a fresh sign-up (no account enumeration) and
    // tells the owner of the address instead.
    async onExistingUserSignUp({ user }) {
      await sendEmail("account-exists", user.email, {
        name: user.name,
        signInUrl: `${env.APP_URL}/sign-in`,
        resetUrl: `${env.APP_URL}/forgot-password`,
      });
    },
    async sendResetPassword({ user, url, token }) {
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
    autoSignInAfterVerification: true,
    expiresIn: 60 * 60 * 24,
    async afterEmailVerification(user) {
      await sendEmail(
        "welcome",
        user.email,
        { name: user.name, workspaceUrl: `${env.APP_URL}/app` },
        { idempotencyKey: `welcome:${user.id}` },
      );
    },
    async sendVerificationEmail({ user, url, token }) {
      await sendEmail(
        "verify-email",
        user.email,
        { name: user.name, url },
        { idempotencyKey: `verify-email:${token}` },
      );
    },
  },
  session: {
    expiresIn: 60 * 60 * 24 * 30,
    updateAge: 60 * 60 * 24,
  },
  rateLimit: {
    // Brute-force limits per client IP, kept in Postgres so they hold across app instances.
    enabled: true,
    storage: "database",
    window: 60,
    max: 100,
    customRules: {
      "/sign-in/email": { window: 60, max: 5 },
      "/sign-in/magic-link": { window: 60, max: 3 },
      "/sign-up/email": { window: 60, max: 5 },
      "/request-password-reset": { window: 300, max: 3 },
      "/reset-password": { window: 300, max: 5 },
      "/send-verification-email": { window: 300, max: 3 },
    },
  },
  advanced: {
    // The client address as our route decided it (lib/http/client-ip.ts), never a raw
    // X-Forwarded-For that a client could write itself.
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
      // Membership changes go through lib/workspaces (our rules: last owner, role limits,
      // invitations by verified email), never through the organization plugin's own endpoints.
      if (ctx.path.startsWith("/organization/")) {
        throw new APIError("NOT_FOUND", { message: "Not found." });
      }
      assertAuthInput(ctx); // no NUL; profile name and image (lib/auth/auth-input.ts)
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
    // Failed sign-ins and password changes, for the audit trail.
    after: createAuthMiddleware(auditAuthEndpoint),
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
        await sendEmail("magic-link", email, { url }, { idempotencyKey: `magic-link:${token}` });
      },
    }),
    admin({ defaultRole: "user", adminRoles: ["admin"] }),
    nextCookies(),
  ],
});

export type AuthSession = typeof auth.$Infer.Session;
