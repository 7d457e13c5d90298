// /admin/* – the operator console's frame; the wall is checked here and again by every page and
// action (a layout alone does not protect the pages under it)
import type { Metadata } from "next";
import { AdminShell } from "@/components/admin/admin-shell";
import { requireAdmin } from "./admin-session";

export const metadata: Metadata = {
  title: { template: "%s · Admin", default: "Admin" },
  robots: { index: false, follow: false },
};

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const { session } = await requireAdmin();
  return (
    <AdminShell operator={{ name: session.user.name, email: session.user.email }}>
      {children}
    </AdminShell>
  );
}
