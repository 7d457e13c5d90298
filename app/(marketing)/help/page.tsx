import type { Metadata } from "next";
import Link from "next/link";

import { COMING_SOON_ATTRIBUTE } from "@/lib/content/features";
import { listContent } from "@/lib/content/load-content";

// Rendered from content/help/*.md (per request, like every page that carries a CSP nonce).

export const metadata: Metadata = {
  title: "Help center",
  description:
    "Guides to Problemboard: getting started, boards and problems, moderation, billing and plans, and account security.",
};

export default async function HelpIndexPage() {
  const articles = await listContent("help");

  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-12 sm:px-6 md:py-16">
      <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Help center</h1>
      <p className="mt-4 text-lg text-muted-foreground">
        Guides to setting up boards, triaging problems and running your workspace.
      </p>

      <ul className="mt-10 flex flex-col divide-y border-y">
        {articles.map((article) => (
          <li
            key={article.slug}
            className="py-6"
            {...(article.comingSoon ? COMING_SOON_ATTRIBUTE : {})}
          >
            <h2 className="text-lg font-semibold">
              <Link
                href={`/help/${article.slug}`}
                className="rounded-sm underline-offset-4 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
              >
                {article.title}
              </Link>
            </h2>
            <p className="mt-2 text-muted-foreground">{article.summary}</p>
          </li>
        ))}
      </ul>

      <p className="mt-10 text-muted-foreground">
        Can&apos;t find what you need? Email{" "}
        <a href="mailto:support@problemboard.dev" className="font-medium text-foreground underline">
          support@problemboard.dev
        </a>
        .
      </p>
    </div>
  );
}
