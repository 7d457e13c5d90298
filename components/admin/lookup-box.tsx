"use client";

import { useEffect, useRef } from "react";

/** Whether a key press happened while the person was typing somewhere (then `/` is a slash). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * The customer lookup box in the console's header. `/` focuses it from any admin page, unless
 * the person is typing in a field.
 */
export function LookupBox({ defaultValue = "" }: { defaultValue?: string }) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== "/" || event.metaKey || event.ctrlKey || event.altKey) return;
      if (isTyping(event.target)) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
  return (
    <form role="search" action="/admin/lookup" method="get" className="flex items-center gap-2">
      <label htmlFor="admin-lookup" className="sr-only">
        Customer lookup: email, usr_, ws_, cus_ or sub_ id
      </label>
      <input
        ref={input}
        id="admin-lookup"
        name="q"
        type="search"
        defaultValue={defaultValue}
        placeholder="Look up a customer (press /)"
        aria-keyshortcuts="/"
        autoComplete="off"
        className="h-8 w-full min-w-0 rounded-md border border-background/30 bg-background px-2 text-sm text-foreground sm:w-72"
      />
    </form>
  );
}
