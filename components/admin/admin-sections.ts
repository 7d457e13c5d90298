/** The console's sections, in nav order. Only what is built is listed (docs/admin.md). */
export const ADMIN_SECTIONS = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/users", label: "Users" },
  { href: "/admin/workspaces", label: "Workspaces" },
  { href: "/admin/revenue", label: "Revenue" },
  { href: "/admin/moderation", label: "Moderation" },
  { href: "/admin/health", label: "System health" },
  { href: "/admin/lookup", label: "Customer lookup" },
] as const;
