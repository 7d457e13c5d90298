// Signed-out visitors get the cached rendering of a board (proxy.ts → …/cached) unless their query
// changes the view: tracking parameters (`?utm_source=x`) no longer cost a live render each.
import { readFileSync } from "node:fs";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { BOARD_VIEW_PARAMS } from "@/lib/boards/view-params";
import { env } from "@/lib/env";
import { proxy } from "@/proxy";

const origin = new URL(env.APP_URL).origin;

function rewrittenTo(path: string, cookie?: string): string | null {
  const response = proxy(
    new NextRequest(new URL(path, origin), { headers: cookie ? { cookie } : {} }),
  );
  const target = response.headers.get("x-middleware-rewrite");
  return target ? new URL(target).pathname + new URL(target).search : null;
}

describe("the cached board page", () => {
  it("serves visits whose parameters change nothing on the page", () => {
    for (const query of [
      "",
      "?utm_source=x",
      "?utm_source=newsletter&utm_medium=email&utm_campaign=launch",
      "?fbclid=abc123",
      "?gclid=1&ref=producthunt",
      "?q=",
      "?sort=",
    ]) {
      expect(rewrittenTo(`/b/acme/feedback${query}`), query).toBe("/b/acme/feedback/cached");
    }
  });

  it("leaves views that differ, and signed-in visitors, to the live page", () => {
    for (const query of [
      "?sort=new",
      "?status=planned",
      "?q=export",
      "?cursor=abc",
      "?deleted=1",
      "?utm_source=x&sort=new",
    ]) {
      expect(rewrittenTo(`/b/acme/feedback${query}`), query).toBeNull();
    }
    expect(rewrittenTo("/b/acme/feedback?utm_source=x", "pb.session_token=abc")).toBeNull();
  });

  it("knows every parameter the board page reads", () => {
    const view = readFileSync("app/b/[workspace]/[board]/board-view.tsx", "utf8");
    const read = new Set([...view.matchAll(/\bquery\.(\w+)/g)].map((m) => m[1]));
    expect([...read].sort()).toEqual([...BOARD_VIEW_PARAMS].sort());
  });
});
