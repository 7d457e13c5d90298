// GET /sitemap.xml – the public pages, every help article and every public board
import type { MetadataRoute } from "next";
import { listPublicBoards } from "@/lib/boards/list-public-boards";
import { listContent } from "@/lib/content/load-content";
import { env } from "@/lib/env";

// Read per request: boards come and go, and the build has no database.
export const dynamic = "force-dynamic";

const PAGES = ["/", "/pricing", "/help", "/legal/privacy", "/legal/terms", "/sign-up"];

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const url = (path: string) => new URL(path, env.APP_URL).toString();
  const [articles, boards] = await Promise.all([listContent("help"), listPublicBoards()]);
  return [
    ...PAGES.map((path) => ({ url: url(path) })),
    ...articles.map((article) => ({ url: url(`/help/${article.slug}`) })),
    ...boards.map((board) => ({
      url: url(`/b/${board.workspaceSlug}/${board.boardSlug}`),
      lastModified: board.updatedAt,
      changeFrequency: "daily" as const,
    })),
  ];
}
