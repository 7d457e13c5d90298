import type { Permission } from "./permissions";
import type { Principal } from "./principal";

/**
 * The workspace permissions the operator console may use in any workspace, without being a
 * member: moderating (the cross-tenant moderation queue, /admin/moderation). Nothing else.
 */
export const CONSOLE_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>([
  "problem:moderate",
]);

/**
 * Principals the console's wall (`requirePlatformAdmin`) checked against the database in this
 * request. Only that function adds to it, so a principal built from a session (whose role could
 * be stale, or which an admin uses in the ordinary app) never moderates workspaces it does not
 * belong to: a platform admin browsing the app is an ordinary user there.
 */
const checked = new WeakSet<Principal>();

export function grantConsoleAccess<P extends Principal>(principal: P): P {
  checked.add(principal);
  return principal;
}

/** Whether this principal may use `permission` in any workspace, as the operator console. */
export function hasConsoleAccess(principal: Principal, permission: Permission): boolean {
  return checked.has(principal) && CONSOLE_PERMISSIONS.has(permission);
}
