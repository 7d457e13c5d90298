"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { MergeTarget } from "@/lib/problems/merge-preview";

/** The address of the preview of merging into `keptId`, keeping the search that found it. */
export function mergePreviewHref(path: string, query: string, keptId: string): string {
  const params = new URLSearchParams({ mergeq: query, into: keptId });
  return `${path}?${params.toString()}#merge`;
}

/**
 * Find the problem to keep: a search form (GET, so it works without JavaScript: the page lists
 * the matches) that, with JavaScript, lists matches as you type from the board's search. Each
 * match links to the merge preview; nothing is merged from here.
 */
export function MergePicker({
  problemId,
  path,
  query,
  targets,
}: {
  problemId: string;
  path: string;
  query: string;
  /** Matches for `query`, found on the server (null: nothing searched yet). */
  targets: MergeTarget[] | null;
}) {
  const inputId = useId();
  const [q, setQ] = useState(query);
  const [results, setResults] = useState<{ q: string; items: MergeTarget[] } | null>(
    targets ? { q: query, items: targets } : null,
  );
  const [failed, setFailed] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    const text = q.trim();
    if (text === query.trim() && targets) return;
    const request = ++latest.current;
    if (text === "") return; // cleared in onChange
    const timer = setTimeout(() => {
      fetch(`/api/problems/${problemId}/merge-targets?${new URLSearchParams({ q: text })}`, {
        headers: { accept: "application/json" },
      })
        .then(async (response) => {
          if (!response.ok) throw new Error(String(response.status));
          return (await response.json()) as { items: MergeTarget[] };
        })
        .then((body) => {
          if (request !== latest.current) return;
          setFailed(false);
          setResults({ q: text, items: body.items });
        })
        .catch(() => {
          if (request === latest.current) setFailed(true);
        });
    }, 200);
    return () => clearTimeout(timer);
  }, [q, problemId, query, targets]);

  return (
    <div className="grid gap-3">
      <form method="get" action={`${path}#merge`} role="search" className="grid gap-1.5">
        <Label htmlFor={inputId}>Find the problem to keep</Label>
        <div className="flex gap-2">
          <Input
            id={inputId}
            name="mergeq"
            type="search"
            value={q}
            onChange={(event) => {
              setQ(event.target.value);
              if (event.target.value.trim() === "") setResults(null);
            }}
            placeholder="Words from its title, or its link"
            autoComplete="off"
            aria-describedby={`${inputId}-hint`}
            aria-controls={`${inputId}-results`}
            maxLength={200}
          />
          <Button type="submit" size="sm" variant="outline" className="h-9 shrink-0">
            Search
          </Button>
        </div>
        <p id={`${inputId}-hint`} className="text-xs text-muted-foreground">
          Searches this board, typos included. You&apos;ll see what moves before anything changes.
        </p>
      </form>
      <div id={`${inputId}-results`} aria-live="polite" className="grid gap-2">
        {failed ? (
          <p className="text-sm text-destructive">
            Search didn&apos;t work. Press Search to retry.
          </p>
        ) : results === null ? null : results.items.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            No other problem on this board matches “{results.q}”.
          </p>
        ) : (
          <>
            <p className="text-sm text-muted-foreground">
              {results.items.length} {results.items.length === 1 ? "match" : "matches"}. Choose the
              problem to keep:
            </p>
            <ul className="grid gap-1" aria-label="Problems to merge into">
              {results.items.map((item) => (
                <li key={item.id}>
                  <Link
                    href={mergePreviewHref(path, results.q, item.id)}
                    className="grid min-w-0 gap-0.5 rounded-md border bg-background px-3 py-2 text-sm outline-none hover:bg-muted focus-visible:ring-[3px] focus-visible:ring-ring/50"
                  >
                    <span className="font-medium wrap-anywhere">{item.title}</span>
                    <span className="text-xs text-muted-foreground">
                      {item.statusLabel} · {item.voteCount}{" "}
                      {item.voteCount === 1 ? "vote" : "votes"}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
