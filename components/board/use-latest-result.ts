"use client";

import { useEffect, useId, useSyncExternalStore } from "react";
import type { FormState } from "@/lib/auth/form-state";

/**
 * Which form on the page answered last. A confirmation ("Comment posted.", "Unfollowed.") belongs
 * to the action that produced it: once another form on the page answers, the page has changed
 * since and the confirmation is out of date, so it hides. Errors stay: they say what to fix in
 * their own form. Without JavaScript every answer is a new page, so there is nothing to hide.
 */
let latest: string | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The form's state, without its confirmation once another form on the page has answered. */
export function useLatestResult(state: FormState): FormState {
  const id = useId();
  useEffect(() => {
    if (!state.success && !state.error) return;
    latest = id;
    for (const listener of listeners) listener();
  }, [id, state]);
  const current = useSyncExternalStore(
    subscribe,
    () => latest,
    () => null,
  );
  return state.success && current !== id ? { ...state, success: undefined } : state;
}
