import { asc, desc, eq } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { isRole, type Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { members, workspaces } from "@/lib/db/schema";

export interface WorkspaceSummary {
  id: string;
  slug: string;
  name: string;
  personal: boolean;
  role: Role;
}

/** Every workspace the principal belongs to, personal first, then by name. */
export async function listWorkspaces(principal: Principal): Promise<WorkspaceSummary[]> {
  const rows = await db
    .select({
      id: workspaces.id,
      slug: workspaces.slug,
      name: workspaces.name,
      personal: workspaces.personal,
      role: members.role,
    })
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.organizationId))
    .where(eq(members.userId, principal.userId))
    .orderBy(desc(workspaces.personal), asc(workspaces.name));
  return rows.flatMap((row) => (isRole(row.role) ? [{ ...row, role: row.role }] : []));
}
