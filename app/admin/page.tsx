// GET /admin – the operator console's start page: what each section is for
import type { Metadata } from "next";
import Link from "next/link";
import { ADMIN_SECTIONS } from "@/components/admin/admin-sections";
import { requireAdmin } from "./admin-session";

export const metadata: Metadata = { title: "Overview" };

const DESCRIPTIONS: Record<string, string> = {
  "/admin/users":
    "Find a user; see their sessions, workspaces, emails and audit trail; ban or sign out.",
  "/admin/workspaces":
    "Every workspace's plan, status, seats and MRR; cancel, refund, extend a trial, apply a coupon, switch plan or grant Enterprise through Stripe.",
  "/admin/revenue":
    "MRR and ARR, MRR movements, churn, NRR and GRR, trials, ARPA, plans and weekly actives.",
  "/admin/health": "Database, Redis, job queue, dead jobs, Stripe webhooks and email delivery.",
  "/admin/lookup": "Everything about one customer from an email, id, cus_ or sub_.",
};

export default async function AdminHomePage() {
  const { session } = await requireAdmin();
  const sections = ADMIN_SECTIONS.filter((section) => section.href !== "/admin");
  return (
    <div className="grid gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">Operator console</h1>
      <p className="text-sm text-muted-foreground">
        Signed in as {session.user.email}. Every action here is recorded in the audit trail with you
        as the actor and the reason you give.
      </p>
      {sections.length > 0 ? (
        <ul className="grid gap-3 sm:grid-cols-2">
          {sections.map((section) => (
            <li key={section.href} className="rounded-lg border p-4">
              <Link href={section.href} className="font-medium underline-offset-4 hover:underline">
                {section.label}
              </Link>
              <p className="mt-1 text-sm text-muted-foreground">{DESCRIPTIONS[section.href]}</p>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
