import Link from "next/link";
import { CookieSettingsButton } from "@/components/consent/cookie-settings-button";
import type { AuthSession } from "@/lib/auth/auth";
import { principalOf } from "@/lib/auth/session";
import { listWorkspaces } from "@/lib/workspaces/list-workspaces";
import { UserMenu } from "./user-menu";
import { WorkspaceSwitcher } from "./workspace-switcher";

/** The signed-in frame: wordmark, workspace switcher, account menu, an optional section nav. */
export async function AppShell({
  session,
  currentSlug,
  nav,
  children,
}: {
  session: AuthSession;
  currentSlug?: string;
  /** Rendered under the header, outside `<main>` (e.g. the workspace's section tabs). */
  nav?: React.ReactNode;
  children: React.ReactNode;
}) {
  const workspaces = await listWorkspaces(principalOf(session));
  const current =
    workspaces.find((w) => w.slug === currentSlug) ??
    workspaces.find((w) => w.id === session.session.activeOrganizationId) ??
    workspaces[0];
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b bg-background">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-3 px-4 sm:gap-4">
          <Link href="/app" className="shrink-0 font-semibold tracking-tight">
            Problemboard
          </Link>
          {current ? (
            // The switcher gives way on a phone (its name truncates) instead of widening the page.
            <div className="flex min-w-0 [&>button]:max-w-full [&>button]:min-w-0 [&>button]:shrink sm:[&>button]:max-w-64">
              <WorkspaceSwitcher current={current} workspaces={workspaces} />
            </div>
          ) : null}
          <div className="ml-auto shrink-0">
            <UserMenu name={session.user.name} email={session.user.email} />
          </div>
        </div>
      </header>
      {nav}
      <main id="main-content" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
        {children}
      </main>
      <footer className="border-t">
        <div className="mx-auto flex max-w-6xl gap-6 px-4 py-4 text-xs text-muted-foreground">
          <Link
            href="/help"
            className="rounded-sm underline-offset-4 hover:text-foreground hover:underline"
          >
            Help
          </Link>
          <Link
            href="/legal/privacy"
            className="rounded-sm underline-offset-4 hover:text-foreground hover:underline"
          >
            Privacy
          </Link>
          <CookieSettingsButton />
        </div>
      </footer>
    </div>
  );
}
