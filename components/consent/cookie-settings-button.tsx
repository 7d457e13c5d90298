"use client";

import { cn } from "@/lib/utils";
import { openConsentSettings } from "./consent-store";

/** "Cookie settings" in a footer: reopens the consent banner to change or withdraw a choice. */
export function CookieSettingsButton({ className }: { className?: string }) {
  return (
    <button
      type="button"
      onClick={openConsentSettings}
      className={cn(
        "cursor-pointer rounded-sm underline-offset-4 outline-none hover:text-foreground hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50",
        className,
      )}
    >
      Cookie settings
    </button>
  );
}
