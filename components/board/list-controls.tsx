"use client";

import { Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useSyncExternalStore, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect, type SelectOption } from "./form-fields";

const SORT_OPTIONS: SelectOption[] = [
  { value: "top", label: "Top" },
  { value: "new", label: "New" },
  { value: "trending", label: "Trending" },
];

/** Values that are the board's defaults stay out of the address, as the board's own links do. */
const DEFAULTS: Record<string, string> = { sort: "top", status: "active", q: "" };

const subscribeToNothing = () => () => {};

/** How long typing pauses before the search runs. */
const TYPING_PAUSE_MS = 350;

interface ListControlsProps {
  action: string;
  sort: string;
  status: string;
  q: string;
  /** Active, all, then each status. */
  statusOptions: SelectOption[];
}

/** The list address for the form's current values, from page one. */
export function listHref(action: string, form: HTMLFormElement): string {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (typeof value !== "string") continue;
    const trimmed = value.trim();
    if (trimmed !== (DEFAULTS[name] ?? "")) params.set(name, trimmed);
  }
  const query = params.toString();
  return query ? `${action}?${query}` : action;
}

/**
 * Sort, filter and search. With JavaScript the list follows each choice at once (a search after
 * a pause in typing), and the address keeps up, so it can be shared; without it, it is a plain
 * GET form with an Apply button.
 */
export function ListControls({ action, sort, status, q, statusOptions }: ListControlsProps) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // False in the server render and while hydrating, true once this script runs.
  const enhanced = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
  const [pending, startTransition] = useTransition();

  useEffect(() => () => clearTimeout(timer.current), []);

  const apply = () => {
    clearTimeout(timer.current);
    if (!form.current) return;
    const href = listHref(action, form.current);
    startTransition(() => router.replace(href, { scroll: false }));
  };

  return (
    <form
      ref={form}
      method="get"
      action={action}
      role="search"
      aria-label="Filter problems"
      aria-busy={pending || undefined}
      onSubmit={(event) => {
        event.preventDefault();
        apply();
      }}
      className="grid gap-3 sm:grid-cols-[1fr_8rem_10rem_auto] sm:items-end"
    >
      <div className="grid gap-1.5">
        <Label htmlFor="q">Search</Label>
        <div className="relative">
          <Search
            aria-hidden="true"
            className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
          />
          <Input
            id="q"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={200}
            className="pl-8"
            onChange={() => {
              clearTimeout(timer.current);
              timer.current = setTimeout(apply, TYPING_PAUSE_MS);
            }}
          />
        </div>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="sort">Sort</Label>
        <NativeSelect
          id="sort"
          name="sort"
          options={SORT_OPTIONS}
          defaultValue={sort}
          onChange={apply}
        />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="status">Status</Label>
        <NativeSelect
          id="status"
          name="status"
          options={statusOptions}
          defaultValue={status}
          onChange={apply}
        />
      </div>
      {enhanced ? null : (
        <Button type="submit" variant="secondary">
          Apply
        </Button>
      )}
    </form>
  );
}
