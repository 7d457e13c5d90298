import Link from "next/link";
import { MessagesSquare } from "lucide-react";
import { CookieSettingsButton } from "@/components/consent/cookie-settings-button";
import { Button } from "@/components/ui/button";

/** The frame of public board pages: skip link, a slim header with who is signed in, main. */
export function PublicFrame({
  workspaceName,
  userName,
  signInNext,
  children,
}: {
  workspaceName: string;
  /** Null when signed out. */
  userName: string | null;
  /** Where sign-in comes back to. */
  signInNext: string;
  children: React.ReactNode;
}) {
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main-content"
        className="sr-only rounded-md bg-background px-4 py-2 text-sm font-medium focus:not-sr-only focus:fixed focus:top-4 focus:left-4 focus:z-50 focus:ring-[3px] focus:ring-ring/50"
      >
        Skip to content
      </a>
      <header className="border-b bg-background">
        <div className="mx-auto flex h-14 w-full max-w-5xl items-center gap-3 px-4 sm:px-6">
          <span className="min-w-0 truncate text-sm font-semibold tracking-tight">
            {workspaceName}
          </span>
          <div className="ml-auto flex max-w-[60%] min-w-0 shrink-0 items-center gap-3 text-sm">
            {userName ? (
              <Link
                href="/app"
                className="truncate rounded-sm text-muted-foreground underline-offset-4 outline-none hover:text-foreground hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
              >
                Signed in as {userName}
              </Link>
            ) : (
              <Button asChild size="sm" variant="outline">
                <Link href={`/sign-in?next=${encodeURIComponent(signInNext)}`}>Sign in</Link>
              </Button>
            )}
          </div>
        </div>
      </header>
      <main id="main-content" tabIndex={-1} className="flex-1 outline-none">
        <div className="mx-auto w-full max-w-5xl px-4 py-8 sm:px-6 sm:py-10">{children}</div>
      </main>
      <footer className="border-t">
        <div className="mx-auto flex w-full max-w-5xl items-center gap-2 px-4 py-6 text-xs text-muted-foreground sm:px-6">
          <MessagesSquare aria-hidden="true" className="size-4" />
          <span>
            Feedback board powered by{" "}
            <Link href="/" className="font-medium underline-offset-4 hover:underline">
              Problemboard
            </Link>
          </span>
          <CookieSettingsButton className="ml-auto" />
        </div>
      </footer>
    </div>
  );
}
