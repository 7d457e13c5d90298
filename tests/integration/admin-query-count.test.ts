// No operator console page issues more than 10 database queries for one request (issue "The
// operator admin console", Scale and speed): the users list, a user's page, the customer lookup
// (by email and by Stripe customer id) and system health, each rendered with its layout as one
// request would, counting every statement the app's client sends (postgres.js's debug hook,
// `onQuery` in lib/db/client.ts), plus the readiness probe's own connection on the health page. Pages with more rows must not issue more queries (no N+1).
import { eq } from "drizzle-orm";
import type * as React from "react";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { connect } from "@/lib/db/client";
import { billingAccounts, sessions, stripeEvents, subscriptionHistory } from "@/lib/db/schema";
import { createId } from "@/lib/ids";

// React's `cache` dedupes per request when Next.js renders server components (the layout and the
// page share one session lookup); outside that renderer it does not cache at all. Here it caches
// per simulated request, as in production.
const scope = vi.hoisted(() => ({ request: 0 }));
vi.mock("react", async (importOriginal) => {
  const react = await importOriginal<typeof React>();
  return {
    ...react,
    cache<A extends unknown[], R>(fn: (...args: A) => R) {
      let request = -1;
      const memo = new Map<string, R>();
      return (...args: A): R => {
        if (request !== scope.request) {
          memo.clear();
          request = scope.request;
        }
        const key = JSON.stringify(args);
        if (!memo.has(key)) memo.set(key, fn(...args));
        return memo.get(key)!;
      };
    },
  };
});
vi.mock("next/headers", () => import("../support/next-stubs").then((m) => m.nextHeaders));
vi.mock("next/navigation", () => import("../support/next-stubs").then((m) => m.nextNavigation));
vi.mock("next/cache", () => import("../support/next-stubs").then((m) => m.nextCache));

// The app's client, with every statement counted, installed before anything opens the usual one
// (lib/db keeps one client per process on globalThis).
const statements: string[] = [];
let counting = false;
(globalThis as { __problemboardDatabase?: unknown }).__problemboardDatabase = connect(
  process.env.DATABASE_URL!,
  {
    embedded: process.env.DATABASE_EMBEDDED === "1",
    failFast: true,
    onQuery: (query) => {
      // postgres.js reads the array types once per new connection of the pool (PostgreSQL
      // only): connection set-up, not a query of the page.
      if (counting && !query.includes("pg_catalog.pg_type")) statements.push(query);
    },
  },
);

const { db } = await import("@/lib/db");
const { actAs, cookieOf, createPlatformAdmin, html } = await import("../support/admin-request");
const { addMember, createUser, createWorkspaceRow, setPlan } = await import("../support/factories");
const { default: Layout } = await import("@/app/admin/layout");
const { default: UsersPage } = await import("@/app/admin/users/page");
const { default: UserPage } = await import("@/app/admin/users/[userId]/page");
const { default: LookupPage } = await import("@/app/admin/lookup/page");
const { default: HealthPage } = await import("@/app/admin/health/page");

const LIMIT = 10;

let cookie: string;
let customer: { id: string; email: string };
let customerId: string;

/** The layout and the page of one request, rendered; returns the markup and the statements. */
async function request(page: () => Promise<unknown>): Promise<{ markup: string; count: number }> {
  actAs(cookie);
  scope.request += 1;
  statements.length = 0;
  counting = true;
  try {
    const shell = html(await Layout({ children: null }));
    const markup = html(await page());
    return { markup: shell + markup, count: statements.length };
  } finally {
    counting = false;
  }
}

/** `n` more workspaces for the customer, each with history and webhooks, so rows multiply. */
async function growCustomer(n: number, tag: string) {
  for (let i = 0; i < n; i++) {
    const workspace = await createWorkspaceRow({ name: `Counted ${tag} ${i}` });
    await addMember(workspace.id, customer.id, i === 0 ? "owner" : "member");
    await setPlan(workspace.id, "team", { seats: 3 + i });
    await db.insert(subscriptionHistory).values(
      [0, 1, 2].map((k) => ({
        id: createId("sh"),
        workspaceId: workspace.id,
        source: "manual" as const,
        planId: "team",
        status: "active",
        seats: 3 + k,
        amountCents: 1200 * (3 + k),
        mrrCents: 1200 * (3 + k),
        movement: k === 0 ? ("new" as const) : ("expansion" as const),
        reason: "manual",
      })),
    );
    await db.insert(stripeEvents).values({
      id: `evt_${createId("x").slice(2).replace(/_/g, "")}`,
      type: "customer.subscription.updated",
      workspaceId: workspace.id,
      createdAt: new Date(),
      status: "processed",
      payload: {},
    });
  }
}

beforeAll(async () => {
  const operator = await createPlatformAdmin();
  cookie = await cookieOf(operator.email);
  customer = await createUser({
    name: "Quinn Counted",
    email: `quinn-${createId("x")}@counted.example`,
  });
  await growCustomer(2, "a");
  const [membership] = await db
    .select({ workspaceId: billingAccounts.workspaceId })
    .from(billingAccounts)
    .innerJoin(
      subscriptionHistory,
      eq(subscriptionHistory.workspaceId, billingAccounts.workspaceId),
    )
    .limit(1);
  customerId = `cus_${createId("x").slice(2).replace(/_/g, "")}`;
  await db
    .update(billingAccounts)
    .set({ stripeCustomerId: customerId })
    .where(eq(billingAccounts.workspaceId, membership!.workspaceId));
  // A few sessions of the customer, listed on the user page.
  for (let i = 0; i < 3; i++) {
    await db.insert(sessions).values({
      id: createId("ses"),
      token: createId("tok"),
      userId: customer.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    });
  }
});

const pages = {
  "users list (email prefix search)": () =>
    UsersPage({ searchParams: Promise.resolve({ q: customer.email.slice(0, 8) }) }),
  "user detail": () => UserPage({ params: Promise.resolve({ userId: customer.id }) }),
  "customer lookup by email": () =>
    LookupPage({ searchParams: Promise.resolve({ q: customer.email }) }),
  "customer lookup by Stripe customer id": () =>
    LookupPage({ searchParams: Promise.resolve({ q: customerId }) }),
  "system health": () => HealthPage(),
};

describe(`admin pages issue at most ${LIMIT} queries per request`, () => {
  it.each(Object.entries(pages))("%s", async (name, page) => {
    const { markup, count: counted } = await request(page);
    // The readiness probe's `select 1` runs on a connection of its own (lib/db/probe.ts).
    const count = counted + (name === "system health" ? 1 : 0);
    console.log(`${name}: ${count} queries`);
    expect(markup).toContain("<h1");
    expect(count, statements.join("\n---\n")).toBeGreaterThan(0);
    expect(count, statements.join("\n---\n")).toBeLessThanOrEqual(LIMIT);
  });

  it("the pages show the customer they were asked about", async () => {
    expect((await request(pages["users list (email prefix search)"])).markup).toContain(
      customer.email,
    );
    expect((await request(pages["user detail"])).markup).toContain("Quinn Counted");
    expect((await request(pages["customer lookup by email"])).markup).toContain("Counted a 1");
    expect((await request(pages["customer lookup by Stripe customer id"])).markup).toContain(
      customerId,
    );
    expect((await request(pages["system health"])).markup).toContain("System health");
  });

  it("more workspaces, history and webhooks do not mean more queries (no query per row)", async () => {
    const before = {
      lookup: (await request(pages["customer lookup by email"])).count,
      detail: (await request(pages["user detail"])).count,
      users: (await request(pages["users list (email prefix search)"])).count,
    };
    await growCustomer(6, "b");
    expect((await request(pages["customer lookup by email"])).markup).toContain("Counted b 5");
    expect((await request(pages["customer lookup by email"])).count).toBe(before.lookup);
    expect((await request(pages["user detail"])).count).toBe(before.detail);
    expect((await request(pages["users list (email prefix search)"])).count).toBe(before.users);
  });
});
