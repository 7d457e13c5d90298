import { and, count, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { billingAccounts, members, subscriptionHistory, users, workspaces } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { billingIntervalSchema, getPlan, type BillingInterval, type PlanId } from "./plans";
import { stripe, toBillingError } from "./stripe";
import { now as clockNow } from "@/lib/clock";

export const checkoutInputSchema = z.object({
  plan: z.enum(["pro", "team"], { error: "Choose the Pro or Team plan" }),
  interval: billingIntervalSchema.default("monthly"),
  seats: z.coerce
    .number({ error: "Seats must be a number" })
    .int("Seats must be a whole number")
    .min(1, "At least one seat")
    .max(10_000, "At most 10,000 seats")
    .optional(),
});

async function workspaceOf(workspaceId: string) {
  const [row] = await db
    .select({
      id: workspaces.id,
      name: workspaces.name,
      slug: workspaces.slug,
      customerId: billingAccounts.stripeCustomerId,
      status: billingAccounts.status,
      subscriptionId: billingAccounts.stripeSubscriptionId,
      formerCustomerIds: billingAccounts.formerStripeCustomerIds,
    })
    .from(workspaces)
    .innerJoin(billingAccounts, eq(billingAccounts.workspaceId, workspaces.id))
    .where(eq(workspaces.id, workspaceId));
  if (!row) throw new AppError("not_found", "Workspace not found.");
  return row;
}

export const billingPageUrl = (slug: string) => `${env.APP_URL}/w/${slug}/billing`;

/**
 * The workspace's Stripe customer, created once (again after a deletion in Stripe unlinked the
 * last one). The idempotency key makes a retried or concurrent checkout reuse the same customer,
 * and names how many customers came before, so a deleted one is never handed back; the guarded
 * update keeps the first id.
 */
export async function ensureCustomer(workspaceId: string, billingEmail: string): Promise<string> {
  const workspace = await workspaceOf(workspaceId);
  if (workspace.customerId) return workspace.customerId;
  const generation = workspace.formerCustomerIds.length;
  const customer = await stripe()
    .customers.create(
      {
        name: workspace.name,
        email: billingEmail,
        metadata: { workspace_id: workspaceId },
      },
      {
        idempotencyKey:
          generation === 0 ? `customer:${workspaceId}` : `customer:${workspaceId}:${generation}`,
      },
    )
    .catch(toBillingError);
  await db
    .update(billingAccounts)
    .set({ stripeCustomerId: customer.id, updatedAt: clockNow() })
    .where(
      and(eq(billingAccounts.workspaceId, workspaceId), isNull(billingAccounts.stripeCustomerId)),
    );
  return (await workspaceOf(workspaceId)).customerId ?? customer.id;
}

/** The Stripe price for a plan and interval, found by its lookup key. */
export async function findPrice(planId: PlanId, interval: BillingInterval) {
  const lookupKey = getPlan(planId).lookupKeys?.[interval];
  if (!lookupKey)
    throw new AppError("validation_failed", `The ${planId} plan can't be bought online.`);
  const prices = await stripe()
    .prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 })
    .catch(toBillingError);
  const price = prices.data[0];
  if (!price) {
    throw new AppError(
      "unavailable",
      `Billing isn't set up for ${lookupKey} yet (run npm run stripe:sync).`,
    );
  }
  return price;
}

/** A trial is offered once per workspace: never after it has had any paid subscription. */
async function hadSubscription(workspaceId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(subscriptionHistory)
    .where(
      and(
        eq(subscriptionHistory.workspaceId, workspaceId),
        inArray(subscriptionHistory.status, ["trialing", "active", "past_due", "canceled"]),
      ),
    );
  return (row?.n ?? 0) > 0;
}

/**
 * Start Stripe Checkout for a plan. Returns the hosted checkout URL to redirect to. Nothing about
 * the subscription is written here: the webhook pipeline converges it from Stripe.
 */
export async function startCheckout(
  principal: Principal,
  workspaceId: string,
  input: unknown,
): Promise<{ url: string }> {
  await requirePermission(principal, workspaceId, "billing:manage");
  const data = parseInput(checkoutInputSchema, input);
  const plan = getPlan(data.plan);
  const workspace = await workspaceOf(workspaceId);
  if (workspace.subscriptionId && workspace.status !== "canceled") {
    throw new AppError(
      "conflict",
      "This workspace already has a subscription. Change plans from the billing portal.",
    );
  }
  const [memberCount] = await db
    .select({ n: count() })
    .from(members)
    .where(eq(members.organizationId, workspaceId));
  const seats = plan.perSeat ? Math.max(plan.minSeats, data.seats ?? 0, memberCount?.n ?? 1) : 1;
  const [payer] = await db
    .select({ email: users.email })
    .from(users)
    .where(eq(users.id, principal.userId));
  const customer = await ensureCustomer(workspaceId, payer?.email ?? "");
  const price = await findPrice(plan.id, data.interval);
  const trial = plan.trialDays > 0 && !(await hadSubscription(workspaceId));
  const base = billingPageUrl(workspace.slug);
  const session = await stripe()
    .checkout.sessions.create(
      {
        mode: "subscription",
        customer,
        client_reference_id: workspaceId,
        line_items: [{ price: price.id, quantity: seats }],
        subscription_data: {
          ...(trial ? { trial_period_days: plan.trialDays } : {}),
          metadata: { workspace_id: workspaceId },
        },
        metadata: { workspace_id: workspaceId },
        allow_promotion_codes: true,
        automatic_tax: { enabled: env.STRIPE_AUTOMATIC_TAX === "on" },
        tax_id_collection: { enabled: true },
        billing_address_collection: "auto",
        customer_update: { name: "auto", address: "auto" },
        success_url: `${base}/success?session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${base}?checkout=canceled`,
      },
      // One session per choice per minute: a double click reuses it instead of opening two. The
      // customer and the subscription it would follow are part of the choice, so subscribing
      // again right after a cancellation or a deleted customer opens a new session.
      {
        idempotencyKey: [
          "checkout",
          customer,
          workspace.subscriptionId ?? "first",
          plan.id,
          data.interval,
          seats,
          trial ? "trial" : "paid",
          Math.floor(Date.now() / 60_000),
        ].join(":"),
      },
    )
    .catch(toBillingError);
  if (!session.url) throw new AppError("unavailable", "Stripe did not return a checkout page.");
  return { url: session.url };
}

/** A Customer Portal session (change plan or seats, card, cancel, invoices). */
export async function openBillingPortal(
  principal: Principal,
  workspaceId: string,
): Promise<{ url: string }> {
  await requirePermission(principal, workspaceId, "billing:manage");
  const workspace = await workspaceOf(workspaceId);
  if (!workspace.customerId) {
    throw new AppError(
      "conflict",
      "This workspace has no billing account yet: choose a plan first.",
    );
  }
  const session = await stripe()
    .billingPortal.sessions.create({
      customer: workspace.customerId,
      return_url: billingPageUrl(workspace.slug),
    })
    .catch(toBillingError);
  return { url: session.url };
}
