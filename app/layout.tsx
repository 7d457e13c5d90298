import type { Metadata } from "next";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import { TestModeBanner } from "@/components/billing/test-mode-banner";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Problemboard", template: "%s · Problemboard" },
  description:
    "Problemboard: public boards where your customers post the problems they run into, vote and discuss, and your team triages them.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-dvh bg-background font-sans text-foreground antialiased">
        <TestModeBanner />
        {children}
      </body>
    </html>
  );
}
