import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft } from "lucide-react";

import { listContent, loadContent } from "@/lib/content/load-content";
import { ContentArticle } from "@/components/marketing/content-article";

// Every article is rendered from content/help/<slug>.md (per request, like every page that
// carries a CSP nonce); other slugs are 404s.
export const dynamicParams = false;

type Props = { params: Promise<{ slug: string }> };

export async function generateStaticParams(): Promise<{ slug: string }[]> {
  const articles = await listContent("help");
  return articles.map((article) => ({ slug: article.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const article = await loadContent("help", slug);
  if (!article) return {};
  return { title: article.title, description: article.summary };
}

export default async function HelpArticlePage({ params }: Props) {
  const { slug } = await params;
  const article = await loadContent("help", slug);
  if (!article) notFound();

  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-12 sm:px-6 md:py-16">
      <nav aria-label="Breadcrumb" className="mb-8 text-sm">
        <Link
          href="/help"
          className="inline-flex items-center gap-1.5 rounded-sm text-muted-foreground underline-offset-4 outline-none hover:text-foreground hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          <ArrowLeft aria-hidden="true" className="size-4" />
          Help center
        </Link>
      </nav>
      <ContentArticle html={article.html} />
      <p className="mt-12 border-t pt-6 text-sm text-muted-foreground">
        Still stuck? Email{" "}
        <a href="mailto:support@problemboard.dev" className="font-medium text-foreground underline">
          support@problemboard.dev
        </a>
        .
      </p>
    </div>
  );
}
