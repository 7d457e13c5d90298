import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { now as clockNow } from "@/lib/clock";
import { db, type Transaction } from "@/lib/db";
import { billingAccounts, salesInquiries, subscriptionHistory } from "@/lib/db/schema";
import { sendEmail } from "@/lib/email/send-email";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { checkRateLimit } from "@/lib/ratelimit/rate-limiter";
import { parseInput, userText } from "@/lib/validation";
import { movementOf } from "./derive-history";
import { rebuildHistory } from "./history";
import { LIVE_STATUSES } from "./projection";

/**
 * The Enterprise "Contact sales" form on /pricing: anyone may send it, signed in or not. Each
 * enquiry is stored and emailed to SALES_EMAIL in one transaction.
 */

export const salesInquirySchema = z.object({
  name: userText({ required: "Enter your name.", min: 1, max: 100 }),
  email: z
    .string({ error: "Enter your work email." })
    .trim()
    .toLowerCase()
    .min(1, "Enter your work email.")
    .max(254, "That email address is too long.")
    .pipe(z.email("Enter a valid email address, like you@company.com.")),
  company: userText({ required: "Enter your company's name.", min: 1, max: 200 }),
  seats: z
    .string({ error: "Enter how many seats you expect to need." })
    .trim()
    .min(1, "Enter how many seats you expect to need.")
    .regex(/^\d+$/, "Enter a whole number of seats, like 50.")
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(1, "Enter at least 1 seat.")
        .max(1_000_000, "Enter at most 1,000,000 seats."),
    ),
  message: userText({
    required: "Tell us what you need.",
    min: 10,
    tooShort: "Tell us a little more (at least 10 characters).",
    max: 5_000,
    multiline: true,
  }),
});

export type SalesInquiryInput = z.input<typeof salesInquirySchema>;

/** Enquiries per client address; the form is public, so it is the only identity there is. */
export async function assertSalesInquiryAllowed(ip: string): Promise<void> {
  const result = await checkRateLimit("sales:inquiry:ip", ip);
  if (!result.success) {
    const seconds = Math.max(1, Math.ceil((result.reset - Date.now()) / 1000));
    const minutes = Math.ceil(seconds / 60);
    throw new AppError(
      "rate_limited",
      `You've sent several messages already. Try again in ${minutes === 1 ? "a minute" : `${minutes} minutes`}, or email ${env.SALES_EMAIL}.`,
    );
  }
}

/**
 * Store an enquiry and queue the `contact-sales` email to the sales inbox, together: either both
 * happen or neither does. `userId` links it to the signed-in visitor, if any.
 */
export async function submitSalesInquiry(
  input: unknown,
  { userId = null }: { userId?: string | null } = {},
): Promise<{ id: string }> {
  const data = parseInput(salesInquirySchema, input);
  const id = createId("inq");
  await db.transaction(async (tx) => {
    await tx.insert(salesInquiries).values({ id, ...data, userId });
    await sendEmail(
      "contact-sales",
      env.SALES_EMAIL,
      { ...data, seats: data.seats.toLocaleString("en-US") },
      { tx, idempotencyKey: `sales-inquiry:${id}` },
    );
  });
  return { id };
}

/** A manual Enterprise contract, as an operator grants it (lib/admin/manage-subscription.ts). */
export const enterpriseContractSchema = z.object({
  seats: z
    .string({ error: "Enter the number of seats in the contract." })
    .trim()
    .min(1, "Enter the number of seats in the contract.")
    .regex(/^\d+$/, "Enter a whole number of seats, like 50.")
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(1, "A contract has at least 1 seat.")
        .max(1_000_000, "Enter at most 1,000,000 seats."),
    ),
  monthlyAmount: z
    .string({ error: "Enter what the contract is worth a month, in dollars." })
    .trim()
    .min(1, "Enter what the contract is worth a month, in dollars.")
    .regex(/^\d{1,7}(\.\d{1,2})?$/, "Enter an amount in dollars, like 1500 or 1499.99.")
    .transform((value) => Math.round(Number(value) * 100)),
});

/**
 * Put a workspace on a manual Enterprise contract: no Stripe subscription (sales invoices it
 * outside checkout), Enterprise limits, and a `manual` row in the subscription history so revenue
 * analytics count it. Refused while a live Stripe subscription exists: it would keep billing, and
 * convergence lets a live subscription win over a contract (lib/billing/sync.ts). Runs in the
 * caller's transaction so the operator's audit entry commits with it.
 */
export async function grantEnterpriseContract(
  tx: Transaction,
  workspaceId: string,
  contract: { seats: number; monthlyAmountCents: number },
): Promise<void> {
  const at = clockNow();
  const [account] = await tx
    .select()
    .from(billingAccounts)
    .where(eq(billingAccounts.workspaceId, workspaceId))
    .for("update");
  if (!account) throw new AppError("not_found", "No workspace has this id.");
  if (account.stripeSubscriptionId && LIVE_STATUSES.includes(account.status)) {
    throw new AppError(
      "conflict",
      "This workspace still has a live Stripe subscription. Cancel it first, so it stops billing.",
    );
  }
  if (
    account.planId === "enterprise" &&
    account.status === "active" &&
    account.stripeSubscriptionId === null &&
    account.seats === contract.seats &&
    account.amountCents === contract.monthlyAmountCents
  ) {
    throw new AppError("conflict", "This workspace has this Enterprise contract already.");
  }
  await tx
    .update(billingAccounts)
    .set({
      planId: "enterprise",
      billingInterval: "monthly",
      status: "active",
      stripeSubscriptionId: null,
      stripePriceId: null,
      seats: contract.seats,
      amountCents: contract.monthlyAmountCents,
      currentPeriodStart: at,
      currentPeriodEnd: null,
      trialEnd: null,
      cancelAtPeriodEnd: false,
      canceledAt: null,
      pastDueSince: null,
      updatedAt: at,
    })
    .where(eq(billingAccounts.workspaceId, workspaceId));
  const rows = await tx
    .select({ status: subscriptionHistory.status, mrrCents: subscriptionHistory.mrrCents })
    .from(subscriptionHistory)
    .where(eq(subscriptionHistory.workspaceId, workspaceId))
    .orderBy(desc(subscriptionHistory.effectiveAt), desc(subscriptionHistory.recordedAt));
  const previous = rows[0];
  const previousMrrCents = previous?.mrrCents ?? 0;
  await tx.insert(subscriptionHistory).values({
    id: createId("subh"),
    workspaceId,
    source: "manual",
    stripeCustomerId: account.stripeCustomerId,
    stripeSubscriptionId: null,
    planId: "enterprise",
    billingInterval: "monthly",
    status: "active",
    seats: contract.seats,
    amountCents: contract.monthlyAmountCents,
    mrrCents: contract.monthlyAmountCents,
    previousStatus: previous?.status ?? "none",
    previousMrrCents,
    movement: movementOf(
      previousMrrCents,
      contract.monthlyAmountCents,
      rows.some((row) => row.mrrCents > 0),
    ),
    reason: "manual",
    effectiveAt: at,
    recordedAt: at,
  });
  // Later Stripe-derived rows (if any) are re-derived around the contract.
  await rebuildHistory(tx, workspaceId);
}
