import { AsyncLocalStorage } from "node:async_hooks";
import type { HookEndpointContext } from "better-auth";
import { isAPIError } from "better-auth/api";
import { eq } from "drizzle-orm";
import { CLIENT_IP_HEADER } from "@/lib/auth/auth-rate-limit";
import { db } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { auditContextFromHeaders, requestAuditContext } from "./context";
import { recordAudit, type AuditActor, type AuditEntry } from "./record";
import { logger } from "@/lib/observability/logger";

/**
 * Account events from Better Auth (lib/auth/auth.ts wires these into its hooks). Better Auth runs
 * without transactions here, so each entry is written right after the change, in its own
 * transaction, on the global chain (account events belong to no workspace).
 */

/** What the entries read of an endpoint's context (hooks get it, or null outside an endpoint). */
type Ctx = Pick<HookEndpointContext, "path" | "headers" | "request" | "context"> | null;
type SessionRow = { id: string; userId: string; impersonatedBy?: string | null };

const SIGN_IN_METHODS: Record<string, string> = {
  "/sign-in/email": "password",
  "/magic-link/verify": "magic_link",
  "/verify-email": "email_verification",
  "/sign-up/email": "sign_up",
};
const REVOKING_PATHS = new Set([
  "/revoke-session",
  "/revoke-sessions",
  "/revoke-other-sessions",
  "/admin/revoke-user-session",
  "/admin/revoke-user-sessions",
  "/admin/ban-user",
]);

/**
 * Auth events are written after the change they report, so a failed write is logged rather than
 * turned into a failed sign-in for a session that already exists.
 */
async function record(entry: AuditEntry): Promise<void> {
  try {
    await recordAudit(db, entry);
  } catch (error) {
    logger.error({ error: String(error) }, `audit: ${entry.action} not recorded`);
  }
}

async function contextOf(ctx: Ctx) {
  const headers = ctx?.headers ?? ctx?.request?.headers;
  // The auth route and callAuth put the client address they decided in CLIENT_IP_HEADER.
  return headers
    ? auditContextFromHeaders(headers, headers.get(CLIENT_IP_HEADER))
    : requestAuditContext();
}

function sessionActor(session: SessionRow): AuditActor {
  return session.impersonatedBy
    ? { type: "admin", id: session.userId, impersonatorId: session.impersonatedBy }
    : { type: "user", id: session.userId };
}

/** Who is signed in on the request (the one revoking or changing), if anyone. */
function requestActor(ctx: Ctx, fallbackUserId: string): AuditActor {
  const current = ctx?.context.session;
  if (!current) return { type: "user", id: fallbackUserId };
  return sessionActor({
    id: current.session.id,
    userId: current.user.id,
    impersonatedBy: (current.session as { impersonatedBy?: string | null }).impersonatedBy,
  });
}

/** Why an operator started what the entries below record (the console's required reason). */
const operatorReason = new AsyncLocalStorage<string>();

/**
 * Run a Better Auth call for a console action with the operator's reason, so the entry its
 * hooks write (the start of an impersonation) carries it (lib/admin/impersonate-user.ts).
 */
export function withOperatorReason<T>(reason: string, run: () => Promise<T>): Promise<T> {
  return operatorReason.run(reason, run);
}

/** A new session is a sign-in (or the start of an admin's impersonation). */
export async function auditSessionCreated(session: SessionRow, ctx: Ctx): Promise<void> {
  const context = await contextOf(ctx);
  if (session.impersonatedBy) {
    await record({
      workspaceId: null,
      actor: sessionActor(session),
      action: "admin.impersonation_started",
      target: { type: "user", id: session.userId },
      metadata: { sessionId: session.id, reason: operatorReason.getStore() ?? null },
      context,
    });
    return;
  }
  const path = ctx?.path ?? "";
  // Changing the password re-issues the session: recorded as auth.password_changed.
  if (path === "/change-password") return;
  await record({
    workspaceId: null,
    actor: { type: "user", id: session.userId },
    action: "auth.sign_in",
    target: { type: "session", id: session.id },
    metadata: { method: SIGN_IN_METHODS[path] ?? (path || "server") },
    context,
  });
}

/** Sign-out, revocation, or the end of an impersonation. Expiry clean-ups are not events. */
export async function auditSessionDeleted(session: SessionRow, ctx: Ctx): Promise<void> {
  const path = ctx?.path ?? "";
  const target = { type: "session", id: session.id };
  if (path === "/sign-out") {
    await record({
      workspaceId: null,
      actor: sessionActor(session),
      action: "auth.sign_out",
      target,
      context: await contextOf(ctx),
    });
  } else if (path === "/admin/stop-impersonating") {
    await record({
      workspaceId: null,
      actor: sessionActor(session),
      action: "admin.impersonation_stopped",
      target,
      context: await contextOf(ctx),
    });
  } else if (REVOKING_PATHS.has(path)) {
    await record({
      workspaceId: null,
      actor: requestActor(ctx, session.userId),
      action: "auth.session_revoked",
      target,
      metadata: { userId: session.userId, via: path },
      context: await contextOf(ctx),
    });
  }
}

/** From `emailAndPassword.onPasswordReset`: a password set through an emailed reset link. */
export async function auditPasswordReset(userId: string, request?: Request): Promise<void> {
  await record({
    workspaceId: null,
    actor: { type: "user", id: userId },
    action: "auth.password_reset",
    target: { type: "user", id: userId },
    context: request
      ? auditContextFromHeaders(request.headers, request.headers.get(CLIENT_IP_HEADER))
      : await requestAuditContext(),
  });
}

// An email change is seen in two halves: the update's data (before) and its user (after).
const emailChanges = new WeakSet<object>();

export async function noteUserUpdate(data: { email?: unknown }, ctx: Ctx): Promise<void> {
  if (ctx && typeof data.email === "string") emailChanges.add(ctx);
}

export async function auditUserUpdated(user: { id: string }, ctx: Ctx): Promise<void> {
  if (!ctx || !emailChanges.has(ctx)) return;
  emailChanges.delete(ctx);
  await record({
    workspaceId: null,
    actor: requestActor(ctx, user.id),
    action: "auth.email_changed",
    target: { type: "user", id: user.id },
    metadata: { via: ctx.path },
    context: await contextOf(ctx),
  });
}

/**
 * After every auth endpoint: failed password sign-ins (wrong password or unverified address;
 * the attempted address is kept so attacks on unknown accounts show too) and password changes.
 */
export async function auditAuthEndpoint(ctx: HookEndpointContext): Promise<void> {
  const returned: unknown = ctx.context.returned;
  if (ctx.path === "/sign-in/email" && isAPIError(returned)) {
    if (returned.statusCode !== 401 && returned.statusCode !== 403) return;
    const body = (ctx.body ?? {}) as { email?: unknown };
    const email = typeof body.email === "string" ? body.email.trim().toLowerCase() : "";
    const [user] = email
      ? await db
          .select({ id: users.id })
          .from(users)
          .where(eq(users.email, email))
          .catch(() => [])
      : [];
    await record({
      workspaceId: null,
      actor: { type: "user", id: user?.id ?? null },
      action: "auth.sign_in_failed",
      target: user ? { type: "user", id: user.id } : null,
      metadata: {
        email: email.slice(0, 254),
        reason: (returned.body as { code?: string } | undefined)?.code ?? returned.status,
      },
      context: await contextOf(ctx),
    });
    return;
  }
  if (ctx.path === "/change-password" && returned && !isAPIError(returned)) {
    const userId =
      ctx.context.session?.user.id ?? (returned as { user?: { id?: string } }).user?.id;
    if (!userId) return;
    const body = (ctx.body ?? {}) as { revokeOtherSessions?: unknown };
    await record({
      workspaceId: null,
      actor: requestActor(ctx, userId),
      action: "auth.password_changed",
      target: { type: "user", id: userId },
      metadata: { revokedOtherSessions: body.revokeOtherSessions === true },
      context: await contextOf(ctx),
    });
  }
}
