// Customer lookup (360): one box resolves an email, usr_, ws_, cus_ or sub_ id to one page with
// the account, workspaces, plan and Stripe ids, subscription history, webhooks and audit.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { resolveLookup } from "@/lib/admin/lookup-customer";
import type { AdminPrincipal } from "@/lib/admin/require-platform-admin";
import { db } from "@/lib/db";
import { billingAccounts, stripeEvents, subscriptionHistory } from "@/lib/db/schema";
import { createId } from "@/lib/ids";
import { actAs, cookieOf, createPlatformAdmin, html } from "../support/admin-request";
import { addMember, createUser, createWorkspaceRow, setPlan } from "../support/factories";

vi.mock("next/headers", () => import("../support/next-stubs").then((m) => m.nextHeaders));
vi.mock("next/navigation", () => import("../support/next-stubs").then((m) => m.nextNavigation));
vi.mock("next/cache", () => import("../support/next-stubs").then((m) => m.nextCache));

const { default: LookupPage } = await import("@/app/admin/lookup/page");

let admin: AdminPrincipal;
let cookie: string;
let customer: { id: string; email: string };
let workspace: { id: string; name: string };
let customerId: string;
let subscriptionId: string;
let eventId: string;

beforeAll(async () => {
  const operator = await createPlatformAdmin();
  admin = { userId: operator.id, platformRole: "admin", impersonatorId: null };
  cookie = await cookieOf(operator.email);
  customer = await createUser({ name: "Casey Lookup" });
  workspace = await createWorkspaceRow({ name: "Lookup Labs" });
  await addMember(workspace.id, customer.id, "owner");
  await setPlan(workspace.id, "pro");
  customerId = `cus_${createId("x").slice(2).replace(/_/g, "")}`;
  await db
    .update(billingAccounts)
    .set({ stripeCustomerId: customerId })
    .where(eq(billingAccounts.workspaceId, workspace.id));
  const [account] = await db
    .select({ sub: billingAccounts.stripeSubscriptionId })
    .from(billingAccounts)
    .where(eq(billingAccounts.workspaceId, workspace.id));
  subscriptionId = account!.sub!;
  await db.insert(subscriptionHistory).values({
    id: createId("sh"),
    workspaceId: workspace.id,
    source: "manual",
    stripeCustomerId: customerId,
    planId: "pro",
    status: "active",
    seats: 1,
    amountCents: 2900,
    mrrCents: 2900,
    movement: "new",
    reason: "customer.subscription.created",
  });
  eventId = `evt_${createId("x").slice(2).replace(/_/g, "")}`;
  await db.insert(stripeEvents).values({
    id: eventId,
    type: "customer.subscription.created",
    customerId,
    workspaceId: workspace.id,
    createdAt: new Date(),
    status: "processed",
    payload: {},
  });
});

describe("resolving the search box", () => {
  it("finds the customer by email (any case), user, workspace, customer and subscription id", async () => {
    expect(await resolveLookup(admin, customer.email.toUpperCase())).toEqual({
      kind: "user",
      userId: customer.id,
    });
    expect(await resolveLookup(admin, ` ${customer.id} `)).toEqual({
      kind: "user",
      userId: customer.id,
    });
    for (const q of [workspace.id, customerId, subscriptionId]) {
      expect(await resolveLookup(admin, q)).toEqual({
        kind: "workspace",
        workspaceId: workspace.id,
      });
    }
  });

  it("matches nothing for unknown or malformed input", async () => {
    for (const q of [
      "",
      "nobody@example.com",
      "cus_unknown",
      "sub_unknown",
      "ws_nope",
      "x'; drop",
    ]) {
      expect(await resolveLookup(admin, q)).toEqual({ kind: "none" });
    }
  });
});

describe("the 360 page", () => {
  const page = async (q: string) => {
    actAs(cookie);
    return html(await LookupPage({ searchParams: Promise.resolve({ q }) }));
  };

  it("shows the workspace, plan, Stripe ids, history, webhooks and members for a cus_ id", async () => {
    const markup = await page(customerId);
    expect(markup).toContain("Lookup Labs");
    expect(markup).toContain(`pro (active), 1 seats`);
    expect(markup).toContain(subscriptionId);
    expect(markup).toContain("$29.00");
    expect(markup).toContain(eventId);
    expect(markup).toContain(customer.email);
    expect(markup).toContain("<caption");
  });

  it("shows the account and its workspaces for an email, linking to the workspace view", async () => {
    const markup = await page(customer.email);
    expect(markup).toContain("Casey Lookup");
    // The workspace page shows what lookup shows about a workspace, and its actions.
    expect(markup).toContain(`/admin/workspaces/${workspace.id}`);
    expect(markup).toContain(`/admin/users/${customer.id}`);
  });

  it("says plainly when nothing matches, and has the shortcut box in every page's header", async () => {
    expect(await page("cus_missing")).toContain("Nothing matches “cus_missing”");
    const { default: Layout } = await import("@/app/admin/layout");
    actAs(cookie);
    const shell = html(await Layout({ children: null }));
    expect(shell).toMatch(/<label[^>]*for="admin-lookup"/);
    expect(shell).toContain('aria-keyshortcuts="/"');
  });
});
