import { describe, expect, it } from "vitest";
import robots from "@/app/robots";
import sitemap from "@/app/sitemap";
import { env } from "@/lib/env";
import { createBoardRow, createWorkspaceRow } from "../support/factories";

const url = (path: string) => new URL(path, env.APP_URL).toString();

describe("sitemap.xml", () => {
  it("lists the site's pages, every help article and every public board, and no other board", async () => {
    const workspace = await createWorkspaceRow();
    const open = await createBoardRow(workspace.id);
    const hidden = await createBoardRow(workspace.id, { visibility: "private" });
    const archived = await createBoardRow(workspace.id, { archivedAt: new Date() });

    const urls = (await sitemap()).map((entry) => entry.url);

    expect(urls).toEqual(
      expect.arrayContaining([
        url("/"),
        url("/pricing"),
        url("/help"),
        url("/help/getting-started"),
        url("/help/billing-and-plans"),
        url("/legal/privacy"),
        url(`/b/${workspace.slug}/${open.slug}`),
      ]),
    );
    expect(urls).not.toContain(url(`/b/${workspace.slug}/${hidden.slug}`));
    expect(urls).not.toContain(url(`/b/${workspace.slug}/${archived.slug}`));
    expect(urls.filter((u) => u.includes("/w/") || u.includes("/api/"))).toEqual([]);
  });
});

describe("robots.txt", () => {
  it("points crawlers at the sitemap and keeps them out of the app and the API", () => {
    const rules = robots();
    expect(rules.sitemap).toBe(url("/sitemap.xml"));
    expect(rules.rules).toMatchObject({
      userAgent: "*",
      allow: "/",
      disallow: expect.arrayContaining(["/api/", "/w/", "/account", "/dev/"]),
    });
  });
});
