import Link from "next/link";
import { CookieSettingsButton } from "@/components/consent/cookie-settings-button";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center bg-muted/40 px-4 py-12">
      <Link href="/" className="mb-8 text-xl font-semibold tracking-tight">
        Problemboard
      </Link>
      <main className="w-full max-w-sm">{children}</main>
      <CookieSettingsButton className="mt-8 text-xs text-muted-foreground" />
    </div>
  );
}
