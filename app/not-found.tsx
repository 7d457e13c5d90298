import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 px-4 text-center">
      <p className="text-sm font-medium text-muted-foreground">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">We couldn&apos;t find that page</h1>
      <p className="text-muted-foreground">
        The link may be wrong, or the page may have moved or be private.
      </p>
      <Link href="/" className="font-medium underline underline-offset-4">
        Go to the home page
      </Link>
    </main>
  );
}
