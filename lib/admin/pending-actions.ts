import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { db, type Transaction } from "@/lib/db";
import {
  adminPendingActions,
  stripeEvents,
  type AdminBillingAction,
  type AdminPendingAction,
} from "@/lib/db/schema";
import { createId } from "@/lib/ids";

/**
 * Pending console actions (admin_pending_actions, see lib/db/schema/admin.ts). An action is
 * `pending` until the ledger holds a processed Stripe event carrying the Idempotency-Key it was
 * sent with, `applied` then, and `failed` while such an event's processing has failed. Our
 * billing state is never written here: it converges from the webhook like any other change.
 */

export const PENDING_ACTION_LIMIT = 20;
const keyOf = sql<string>`(${stripeEvents.payload} -> 'request' ->> 'idempotency_key')`;

export type PendingActionView = AdminPendingAction & {
  state: "pending" | "applied" | "failed";
  appliedAt: Date | null;
};

/** Record a Stripe request the console made; false when this key was recorded already. */
export async function recordPendingAction(
  tx: Transaction,
  entry: {
    workspaceId: string;
    adminId: string;
    action: AdminBillingAction;
    details: Record<string, unknown>;
    stripeObjectId: string | null;
    idempotencyKey: string;
  },
): Promise<boolean> {
  const inserted = await tx
    .insert(adminPendingActions)
    .values({ id: createId("apa"), ...entry })
    .onConflictDoNothing({ target: adminPendingActions.idempotencyKey })
    .returning({ id: adminPendingActions.id });
  return inserted.length > 0;
}

/** Whether a request with this key was recorded already (a double submission). */
export async function findPendingAction(idempotencyKey: string) {
  const [row] = await db
    .select()
    .from(adminPendingActions)
    .where(eq(adminPendingActions.idempotencyKey, idempotencyKey));
  return row ?? null;
}

/** The newest console actions on a workspace with their state. Two indexed queries. */
export async function listPendingActions(workspaceId: string): Promise<PendingActionView[]> {
  const actions = await db
    .select()
    .from(adminPendingActions)
    .where(eq(adminPendingActions.workspaceId, workspaceId))
    .orderBy(desc(adminPendingActions.createdAt))
    .limit(PENDING_ACTION_LIMIT);
  if (actions.length === 0) return [];
  const events = await db
    .select({ key: keyOf, status: stripeEvents.status, processedAt: stripeEvents.processedAt })
    .from(stripeEvents)
    .where(
      and(
        inArray(
          keyOf,
          actions.map((action) => action.idempotencyKey),
        ),
        inArray(stripeEvents.status, ["processed", "skipped", "failed"]),
      ),
    );
  return actions.map((action) => {
    const mine = events.filter((event) => event.key === action.idempotencyKey);
    const done = mine.filter((event) => event.status !== "failed");
    const appliedAt =
      done.length > 0
        ? new Date(Math.max(...done.map((event) => event.processedAt?.getTime() ?? 0)))
        : null;
    const state = appliedAt ? "applied" : mine.length > 0 ? "failed" : "pending";
    return { ...action, state, appliedAt };
  });
}
