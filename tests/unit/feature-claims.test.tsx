import { renderToStaticMarkup } from "react-dom/server";
import { prerenderToNodeStream } from "react-dom/static";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";

// The pricing page asks who is signed in; these render it for a visitor.
vi.mock("@/lib/auth/session", () => ({
  getSession: async () => null,
  principalOf: () => null,
}));

import LandingPage from "@/app/(marketing)/page";
import HelpArticlePage from "@/app/(marketing)/help/[slug]/page";
import HelpIndexPage from "@/app/(marketing)/help/page";
import PricingPage from "@/app/(marketing)/pricing/page";
import { LegalPage } from "@/components/marketing/legal-page";
import { PLAN_FEATURE_ROWS } from "@/lib/billing/plans";
import { CAPABILITIES, CAPABILITY_IDS, comingSoon, isLive } from "@/lib/content/features";
import {
  claimsInHtml,
  claimsInMarkdown,
  contentFiles,
  internalLinks,
  isKnownPath,
  placeholdersIn,
} from "../support/feature-claims";

/** Server components (async ones too) to HTML, as `next build` would prerender them. */
async function html(node: ReactNode | Promise<ReactNode>): Promise<string> {
  const { prelude } = await prerenderToNodeStream(await node);
  let out = "";
  for await (const chunk of prelude) out += String(chunk);
  return out;
}

const pages: [string, () => Promise<string>][] = [
  ["/", async () => renderToStaticMarkup(<LandingPage />)],
  ["/pricing", () => html(PricingPage({ searchParams: Promise.resolve({}) }))],
  [
    "/pricing?interval=yearly",
    () => html(PricingPage({ searchParams: Promise.resolve({ interval: "yearly" }) })),
  ],
  ["/help", () => html(HelpIndexPage())],
  ...contentFiles()
    .filter(([file]) => file.startsWith("content/help/"))
    .map(([file]): [string, () => Promise<string>] => {
      const slug = file.replace(/^content\/help\/|\.md$/g, "");
      return [`/help/${slug}`, () => html(HelpArticlePage({ params: Promise.resolve({ slug }) }))];
    }),
  ["/legal/privacy", () => html(LegalPage({ slug: "privacy" }))],
  ["/legal/terms", () => html(LegalPage({ slug: "terms" }))],
];

describe("the claims checker", () => {
  it("finds a capability that is not live, and lets it through where marked coming soon", () => {
    // Guards the checker itself: if it found nothing, every test below would pass vacuously.
    const notLive = comingSoon();
    expect(notLive.length).toBeGreaterThan(0);
    expect(
      claimsInHtml("<p>API and webhooks: pull problems into your own tools.</p>").map(
        (c) => c.capability,
      ),
    ).toEqual(expect.arrayContaining(isLive("webhooks") ? [] : ["webhooks"]));
    expect(claimsInHtml('<div data-capability-status="coming-soon">Webhooks</div>')).toEqual([]);
    expect(
      claimsInMarkdown("You can export your account's data at any time.").map((c) => c.capability),
    ).toEqual(isLive("dataExport") ? [] : ["dataExport"]);
    expect(claimsInMarkdown("Two-factor authentication is coming soon.")).toEqual([]);
    expect(
      claimsInMarkdown("# Security\n\n## 2FA (coming soon)\n\nUse two-factor.\n\n## SSO\n\nSSO."),
    ).toEqual(
      isLive("sso")
        ? []
        : [
            expect.objectContaining({ capability: "sso" }),
            expect.objectContaining({ capability: "sso" }),
          ],
    );
  });

  it("knows the mentions of every capability that is not live", () => {
    for (const { id, capability } of comingSoon()) {
      expect(capability.mentions.length, id).toBeGreaterThan(0);
    }
  });
});

describe("marketing pages claim only what is live", () => {
  // Pages rendered from content/ are checked through their markdown below.
  const ownCopy = pages.filter(([path]) => !/^\/(help|legal)\/./.test(path));
  it.each(ownCopy)("%s", async (_path, render) => {
    expect(claimsInHtml(await render())).toEqual([]);
  });

  it.each(pages)("%s links only to pages that exist", async (_path, render) => {
    for (const href of internalLinks(await render())) expect(isKnownPath(href), href).toBe(true);
  });

  it("shows what is not live as coming soon on the landing page", async () => {
    const page = renderToStaticMarkup(<LandingPage />);
    for (const { capability } of comingSoon()) {
      expect(page).toContain(capability.name.replace(/'/g, "&#x27;"));
    }
  });

  it("lists the plan rows of capabilities that are not live under coming soon", async () => {
    const page = await html(PricingPage({ searchParams: Promise.resolve({}) }));
    const comingSoonRows = PLAN_FEATURE_ROWS.filter(
      (row) => row.capability !== undefined && !isLive(row.capability),
    );
    expect(comingSoonRows.length).toBeGreaterThan(0);
    const section = /<tbody[^>]*data-capability-status="coming-soon"[^>]*>([\s\S]*?)<\/tbody>/.exec(
      page,
    );
    for (const row of comingSoonRows) expect(section?.[1]).toContain(row.label);
  });
});

describe("help articles and legal documents", () => {
  it.each(contentFiles())("%s claims only what is live", (_file, source) => {
    expect(claimsInMarkdown(source)).toEqual([]);
  });

  it.each(contentFiles())("%s has no unfilled placeholder", (_file, source) => {
    expect(placeholdersIn(source)).toEqual([]);
    expect(source).not.toMatch(/\b(TODO|TBD|lorem ipsum)\b/i);
  });

  it.each(contentFiles())("%s links only to pages that exist", (_file, source) => {
    for (const href of internalLinks(source)) expect(isKnownPath(href), href).toBe(true);
  });

  it("the placeholder check finds the placeholders it is for", () => {
    expect(
      placeholdersIn("within [30] days at [postal address]; see [Terms](/legal/terms)"),
    ).toEqual(["[30]", "[postal address]"]);
  });
});

describe("the capability list", () => {
  it("has a name, a summary and a status for every capability", () => {
    for (const id of CAPABILITY_IDS) {
      const capability = CAPABILITIES[id];
      expect(capability.name, id).not.toBe("");
      expect(capability.summary, id).not.toBe("");
      expect(["live", "coming_soon"], id).toContain(capability.status);
    }
  });
});
