import { createAccessControl } from "better-auth/plugins/access";
import {
  adminAc,
  defaultStatements,
  memberAc,
  ownerAc,
} from "better-auth/plugins/organization/access";

/**
 * Who may do what in a workspace: the one permission map. Domain code asks `hasPermission`
 * (or `requirePermission` in lib/auth/authorize.ts); the UI uses the same map to hide what a
 * role cannot do, but never relies on hiding.
 */

export const ROLES = ["owner", "admin", "member", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "workspace:read",
  "workspace:update",
  "workspace:delete",
  "board:create",
  "board:update",
  "board:delete",
  "problem:create",
  "problem:triage",
  "problem:moderate",
  "comment:create",
  "member:invite",
  "member:update",
  "member:remove",
  "billing:manage",
  "apikey:manage",
  "webhook:manage",
  "auditlog:read",
  "analytics:read",
  "sso:manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = ["workspace:read", "analytics:read"];
const CONTRIBUTE: Permission[] = [
  ...READ,
  "problem:create",
  "problem:triage",
  "problem:moderate",
  "comment:create",
];
const MANAGE: Permission[] = [
  ...CONTRIBUTE,
  "workspace:update",
  "board:create",
  "board:update",
  "board:delete",
  "member:invite",
  "member:update",
  "member:remove",
  "billing:manage",
  "apikey:manage",
  "webhook:manage",
  "auditlog:read",
  "sso:manage",
];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set<Permission>([...MANAGE, "workspace:delete"]),
  admin: new Set<Permission>(MANAGE),
  member: new Set<Permission>(CONTRIBUTE),
  viewer: new Set<Permission>(READ),
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function hasPermission(role: string, permission: Permission): boolean {
  return isRole(role) && ROLE_PERMISSIONS[role].has(permission);
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  member: "Member",
  viewer: "Viewer",
};

/**
 * The same roles for Better Auth's organization endpoints (invite, change role, remove), so its
 * own checks agree with ours: only owners and admins manage members and invitations.
 */
export const accessControl = createAccessControl(defaultStatements);
export const betterAuthRoles = {
  owner: accessControl.newRole(ownerAc.statements),
  admin: accessControl.newRole(adminAc.statements),
  member: accessControl.newRole(memberAc.statements),
  viewer: accessControl.newRole({ organization: [], member: [], invitation: [] }),
};
