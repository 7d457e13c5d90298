import { redirect } from "next/navigation";
import { z } from "zod";
import { principalOf, requireSession } from "@/lib/auth/session";
import { billingIntervalSchema } from "@/lib/billing/plans";
import { getCurrentWorkspace } from "@/lib/workspaces/get-current-workspace";

/** A plan chosen on the pricing page before signing up (`?plan=pro&interval=monthly`). */
const planIntent = z.object({ plan: z.enum(["pro", "team"]), interval: billingIntervalSchema });

// /app – open the workspace this session last used (its billing page when a plan was chosen).
export default async function AppHome({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const intent = planIntent.safeParse(await searchParams);
  const query = intent.success ? `?plan=${intent.data.plan}&interval=${intent.data.interval}` : "";
  const session = await requireSession(`/app${query}`);
  const workspace = await getCurrentWorkspace(
    principalOf(session),
    session.session.activeOrganizationId,
  );
  redirect(
    intent.success
      ? `/w/${workspace.workspaceSlug}/billing${query}`
      : `/w/${workspace.workspaceSlug}`,
  );
}
