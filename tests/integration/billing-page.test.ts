import { prerenderToNodeStream } from "react-dom/static";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import { claimsInHtml } from "../support/feature-claims";
import { createTeam, setPlan } from "../support/factories";

// The billing page as the signed-in owner of a workspace sees it.
const viewer = vi.hoisted(() => ({ id: "", email: "", name: "" }));
vi.mock("@/lib/auth/session", () => {
  const session = () => ({
    user: { ...viewer, role: null },
    session: { id: "ses_test", activeOrganizationId: null, impersonatedBy: null },
  });
  return {
    getSession: async () => session(),
    requireSession: async () => session(),
    principalOf: (s: { user: { id: string } }) => ({
      userId: s.user.id,
      platformRole: null,
      impersonatorId: null,
    }),
  };
});

const { default: BillingPage } = await import("@/app/(app)/w/[workspace]/billing/page");

async function html(node: Promise<ReactNode>): Promise<string> {
  const { prelude } = await prerenderToNodeStream(await node);
  let out = "";
  for await (const chunk of prelude) out += String(chunk);
  return out;
}

describe("billing page", () => {
  it.each(["free", "pro", "team"] as const)(
    "meters and sells only what is live (%s)",
    async (plan) => {
      const team = await createTeam();
      await setPlan(team.workspace.id, plan, { seats: 5 });
      Object.assign(viewer, { id: team.owner.id, email: team.owner.email, name: team.owner.name });
      const page = await html(
        BillingPage({
          params: Promise.resolve({ workspace: team.workspace.slug }),
          searchParams: Promise.resolve({}),
        }),
      );
      expect(page).toContain("New problems this month");
      expect(claimsInHtml(page)).toEqual([]);
    },
  );
});
