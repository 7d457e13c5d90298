// GET /robots.txt – crawl the site and public boards, not the app, the API or the dev tools
import type { MetadataRoute } from "next";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  return {
    rules: {
      userAgent: "*",
      allow: "/",
      disallow: ["/api/", "/app", "/w/", "/account", "/invitations/", "/workspaces/", "/dev/"],
    },
    sitemap: new URL("/sitemap.xml", env.APP_URL).toString(),
  };
}
