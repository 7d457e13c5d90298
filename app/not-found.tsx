import Link from "next/link";

import { SiteHeader } from "@/components/marketing/site-header";

// Every unknown address and every notFound(): with the site header, so a visitor who followed a
// bad link still has the way home, to pricing, help and sign-in.
export default function NotFound() {
  return (
    <div className="flex min-h-dvh flex-col">
      <SiteHeader />
      <main
        id="main-content"
        className="mx-auto flex w-full max-w-md flex-1 flex-col items-center justify-center gap-4 px-4 py-16 text-center"
      >
        <p className="text-sm font-medium text-muted-foreground">404</p>
        <h1 className="text-2xl font-semibold tracking-tight">We couldn&apos;t find that page</h1>
        <p className="text-muted-foreground">
          The link may be wrong, or the page may have moved or be private.
        </p>
        <Link href="/" className="font-medium underline underline-offset-4">
          Go to the home page
        </Link>
      </main>
    </div>
  );
}
