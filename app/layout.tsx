import type { Metadata } from "next";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import { connection } from "next/server";
import { ImpersonationBanner } from "@/components/admin/impersonation-banner";
import { TestModeBanner } from "@/components/billing/test-mode-banner";
import { ConsentManager } from "@/components/consent/consent-manager";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Problemboard", template: "%s · Problemboard" },
  description:
    "Problemboard: public boards where your customers post the problems they run into, vote and discuss, and your team triages them.",
};

// Every page renders per request: its scripts must carry the request's CSP nonce (proxy.ts), and
// a prerendered page's would not. The one exception is the cached public board page, which opts
// out with `dynamic = "force-static"` (connection() then returns at once) and is served with a
// policy without a nonce; see docs/security.md.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    // data-scroll-behavior: smooth scrolling (globals.css) stays off during route changes, as
    // Next.js asks; without it `next dev` warns on every navigation.
    <html
      lang="en"
      className={`${GeistSans.variable} ${GeistMono.variable}`}
      data-scroll-behavior="smooth"
    >
      <body className="min-h-dvh bg-background font-sans text-foreground antialiased">
        <TestModeBanner />
        <ImpersonationBanner />
        {children}
        <ConsentManager />
      </body>
    </html>
  );
}
