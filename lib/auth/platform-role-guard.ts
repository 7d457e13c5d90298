import { APIError } from "better-auth/api";

/**
 * Platform admins are made and unmade with `npm run admin:grant` only (docs/admin.md): it
 * refuses to demote the last admin and records the change. Better Auth's admin plugin would also
 * let any platform admin set roles over HTTP, so those requests are refused here: `/admin/set-role`
 * answers 404, and creating or updating a user with a `role` is refused.
 */
export function assertNoPlatformRoleChange(ctx: { path: string; body?: unknown }) {
  if (ctx.path === "/admin/set-role") throw new APIError("NOT_FOUND", { message: "Not found." });
  if (ctx.path !== "/admin/create-user" && ctx.path !== "/admin/update-user") return;
  const body = (ctx.body ?? {}) as { role?: unknown; data?: { role?: unknown } | null };
  if (body.role !== undefined || (body.data && body.data.role !== undefined)) {
    throw new APIError("BAD_REQUEST", {
      code: "PLATFORM_ROLE_CLI_ONLY",
      message: "Platform roles change with `npm run admin:grant` only.",
    });
  }
}
