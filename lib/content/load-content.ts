import "server-only";

import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

import { markdownToText, renderMarkdown } from "@/lib/content/markdown";

/**
 * Help-center articles and legal documents: markdown files under `content/<section>/<slug>.md`.
 * Each starts with a `# Title` line; the first paragraph after it is the summary.
 */

export const CONTENT_SECTIONS = ["help", "legal"] as const;
export type ContentSection = (typeof CONTENT_SECTIONS)[number];

export type ContentDoc = {
  slug: string;
  title: string;
  /** The first paragraph, as plain text. */
  summary: string;
  html: string;
  /** The title says "coming soon": the document describes capabilities not built yet. */
  comingSoon: boolean;
};

const SLUG_RE = /^[a-z0-9-]+$/;

function isSection(value: string): value is ContentSection {
  return (CONTENT_SECTIONS as readonly string[]).includes(value);
}

function sectionDir(section: ContentSection): string {
  return path.join(process.cwd(), "content", section);
}

function parseDoc(slug: string, source: string): ContentDoc {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const titleIndex = lines.findIndex((line) => /^#\s+\S/.test(line));
  const title = titleIndex === -1 ? slug : markdownToText(lines[titleIndex]!.replace(/^#\s+/, ""));

  const paragraph: string[] = [];
  for (const line of lines.slice(titleIndex + 1)) {
    const text = line.trim();
    if (text === "") {
      if (paragraph.length > 0) break;
      continue;
    }
    if (/^(#|```|~~~|[-*+>|]\s|\d+\.\s)/.test(text)) {
      if (paragraph.length > 0) break;
      continue;
    }
    paragraph.push(text);
  }

  return {
    slug,
    title,
    summary: markdownToText(paragraph.join(" ")),
    html: renderMarkdown(source),
    comingSoon: /coming soon/i.test(title),
  };
}

/**
 * Load `content/<section>/<slug>.md`, or null when the section or slug is not valid (only
 * `[a-z0-9-]`, so no path traversal) or the file does not exist.
 */
export async function loadContent(section: string, slug: string): Promise<ContentDoc | null> {
  if (!isSection(section) || !SLUG_RE.test(slug)) return null;
  let source: string;
  try {
    source = await readFile(path.join(sectionDir(section), `${slug}.md`), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  return parseDoc(slug, source);
}

/** Every document in a section, sorted by title. */
export async function listContent(section: ContentSection): Promise<ContentDoc[]> {
  const files = await readdir(sectionDir(section));
  const slugs = files
    .filter((file) => file.endsWith(".md"))
    .map((file) => file.slice(0, -".md".length))
    .filter((slug) => SLUG_RE.test(slug));
  const docs = await Promise.all(slugs.map((slug) => loadContent(section, slug)));
  return docs
    .filter((doc): doc is ContentDoc => doc !== null)
    .sort((a, b) => a.title.localeCompare(b.title, "en"));
}
