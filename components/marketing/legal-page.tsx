import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { loadContent } from "@/lib/content/load-content";
import { ContentArticle } from "./content-article";

export async function legalMetadata(slug: string): Promise<Metadata> {
  const doc = await loadContent("legal", slug);
  return doc ? { title: doc.title, description: doc.summary } : {};
}

/** A legal document from content/legal/<slug>.md. */
export async function LegalPage({ slug }: { slug: string }) {
  const doc = await loadContent("legal", slug);
  if (!doc) notFound();
  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-12 sm:px-6 md:py-16">
      <ContentArticle html={doc.html} />
    </div>
  );
}
