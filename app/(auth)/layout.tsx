import Link from "next/link";
import { CookieSettingsButton } from "@/components/consent/cookie-settings-button";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    // Centred in the space the cookie banner leaves free, so the banner never covers the card.
    <div className="flex min-h-[calc(100dvh-var(--consent-banner-height,0px))] flex-col items-center justify-center bg-muted/40 px-4 py-12">
      <Link href="/" className="mb-8 text-xl font-semibold tracking-tight">
        Problemboard
      </Link>
      <main className="w-full max-w-sm">{children}</main>
      <CookieSettingsButton className="mt-8 text-xs text-muted-foreground" />
    </div>
  );
}
