import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";
import { CAPABILITIES, CAPABILITY_IDS, isLive, type CapabilityId } from "@/lib/content/features";

/**
 * Finds copy that claims a capability which lib/content/features.ts marks as not live. Pages
 * mark "coming soon" parts with `data-capability-status="coming-soon"`; markdown says "coming
 * soon" in the sentence or in a heading above it.
 */

export interface Claim {
  capability: CapabilityId;
  text: string;
}

const COMING_SOON = /coming soon/i;

function claimsIn(text: string): Claim[] {
  const found: Claim[] = [];
  for (const capability of CAPABILITY_IDS) {
    if (isLive(capability)) continue;
    for (const mention of CAPABILITIES[capability].mentions) {
      const match = mention.exec(text);
      if (match) {
        const start = Math.max(0, match.index - 60);
        found.push({ capability, text: text.slice(start, match.index + match[0].length + 60) });
      }
    }
  }
  return found;
}

/** Claims in a rendered page, outside its elements marked coming soon. */
export function claimsInHtml(html: string): Claim[] {
  const { document, NodeFilter } = new JSDOM(html).window;
  for (const element of document.querySelectorAll('[data-capability-status="coming-soon"]')) {
    element.remove();
  }
  for (const element of document.querySelectorAll("script, style, template")) element.remove();
  // Text nodes joined with spaces, so "Boards</th><td>1" doesn't read as one word.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    parts.push(node.textContent ?? "");
  }
  const text = parts.join(" ").replace(/\s+/g, " ");
  const hrefs = [...document.querySelectorAll("[href]")].map((a) => a.getAttribute("href") ?? "");
  return claimsIn([text, ...hrefs].join("\n"));
}

/**
 * Claims in a markdown document, outside sentences that say "coming soon" and outside sections
 * under a heading that does (a top-level heading that says it covers the whole document).
 */
export function claimsInMarkdown(source: string): Claim[] {
  const found: Claim[] = [];
  // Heading levels whose title says "coming soon", innermost last.
  const exempt: number[] = [];
  let fenced = false;
  for (const line of source.split(/\r?\n/)) {
    if (/^(```|~~~)/.test(line.trim())) fenced = !fenced;
    const heading = fenced ? null : /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      while (exempt.length > 0 && exempt.at(-1)! >= level) exempt.pop();
      if (COMING_SOON.test(heading[2]!)) {
        exempt.push(level);
        continue;
      }
    }
    if (exempt.length > 0) continue;
    for (const sentence of line.split(/(?<=[.!?])\s+/)) {
      if (!COMING_SOON.test(sentence)) found.push(...claimsIn(sentence));
    }
  }
  return found;
}

/** Every file under `content/`, as [path relative to the repo, source]. */
export function contentFiles(): [string, string][] {
  const root = path.join(process.cwd(), "content");
  const files: [string, string][] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.push([path.relative(process.cwd(), full), readFileSync(full, "utf8")]);
    }
  };
  walk(root);
  return files.sort(([a], [b]) => a.localeCompare(b));
}

/** Unfilled placeholders: `[30]`, `[postal address]` — brackets that are not a markdown link. */
export function placeholdersIn(source: string): string[] {
  return [...source.matchAll(/\[[^\]\n]*\](?![(:[])/g)].map((match) => match[0]);
}

/** The app's routes as path patterns, from the `page.tsx` and `route.ts` files under app/. */
function appRoutes(): string[][] {
  const root = path.join(process.cwd(), "app");
  const routes: string[][] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) {
        // Route groups `(marketing)` add no segment.
        walk(full, /^\(.*\)$/.test(name) ? segments : [...segments, name]);
      } else if (/^(page|route)\.(tsx?|jsx?)$/.test(name)) {
        routes.push(segments);
      }
    }
  };
  walk(root, []);
  return routes;
}

/**
 * Whether an internal path (`/help/moderation#flagging`) is a page or route of the app; help
 * articles and legal documents must also exist under content/.
 */
export function isKnownPath(href: string): boolean {
  const pathname = href.split(/[?#]/)[0]!;
  const parts = pathname.split("/").filter(Boolean);
  const content = /^(help|legal)$/.exec(parts[0] ?? "");
  if (content && parts.length === 2) {
    try {
      statSync(path.join(process.cwd(), "content", parts[0]!, `${parts[1]}.md`));
      return true;
    } catch {
      return false;
    }
  }
  return appRoutes().some((route) => {
    if (route.at(-1)?.startsWith("[...")) return parts.length >= route.length;
    if (route.length !== parts.length) return false;
    return route.every((segment, i) => segment.startsWith("[") || segment === parts[i]);
  });
}

/** The internal links of a markdown document or a rendered page. */
export function internalLinks(source: string): string[] {
  const markdown = [...source.matchAll(/\]\((\/[^)\s]*)\)/g)].map((m) => m[1]!);
  const html = [...source.matchAll(/href="(\/[^"]*)"/g)].map((m) => m[1]!);
  return [...markdown, ...html].filter((href) => !href.startsWith("//"));
}
