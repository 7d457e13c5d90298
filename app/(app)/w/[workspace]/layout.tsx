import { notFound } from "next/navigation";
import { AppShell } from "@/components/app/app-shell";
import { principalOf, requireSession } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getWorkspaceBySlug } from "@/lib/workspaces/get-workspace";

export default async function WorkspaceLayout({
  params,
  children,
}: {
  params: Promise<{ workspace: string }>;
  children: React.ReactNode;
}) {
  const { workspace: slug } = await params;
  const session = await requireSession(`/w/${slug}`);
  try {
    await getWorkspaceBySlug(principalOf(session), slug);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
  return (
    <AppShell session={session} currentSlug={slug}>
      {children}
    </AppShell>
  );
}
