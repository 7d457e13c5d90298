import Link from "next/link";
import { MessagesSquare } from "lucide-react";

import { MobileMenu } from "@/components/marketing/mobile-menu";
import { Button } from "@/components/ui/button";

/** Where the site header leads; the phone menu lists the same pages. */
const links = [
  { href: "/pricing", label: "Pricing" },
  { href: "/help", label: "Help" },
  { href: "/sign-in", label: "Sign in" },
] as const;

/**
 * The header of the marketing pages and the 404 page: the wordmark, the pages, and "Start free".
 * Below `sm` the pages fold into a menu button, so the header fits a 320 px phone.
 */
export function SiteHeader() {
  return (
    <header className="sticky top-0 z-40 border-b bg-background/90 backdrop-blur supports-[backdrop-filter]:bg-background/75">
      <div className="mx-auto flex h-16 w-full max-w-6xl items-center justify-between gap-3 px-4 sm:px-6">
        <Link
          href="/"
          className="flex min-w-0 items-center gap-2 rounded-md text-lg font-semibold tracking-tight outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          <MessagesSquare aria-hidden="true" className="size-6 shrink-0 text-primary" />
          Problemboard
        </Link>

        <nav aria-label="Main" className="flex items-center gap-2">
          <ul className="hidden items-center gap-2 sm:flex">
            {links.map((link) => (
              <li key={link.href}>
                <Button asChild variant="ghost" size="sm">
                  <Link href={link.href}>{link.label}</Link>
                </Button>
              </li>
            ))}
          </ul>
          <Button asChild size="sm">
            <Link href="/sign-up">Start free</Link>
          </Button>
          <MobileMenu className="sm:hidden">
            <ul className="grid gap-1">
              {links.map((link) => (
                <li key={link.href}>
                  <Link
                    href={link.href}
                    className="flex h-10 items-center rounded-md px-3 text-sm font-medium outline-none hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50"
                  >
                    {link.label}
                  </Link>
                </li>
              ))}
            </ul>
          </MobileMenu>
        </nav>
      </div>
    </header>
  );
}
