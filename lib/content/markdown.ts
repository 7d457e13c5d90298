import MarkdownIt, { type StateCore, type Token } from "markdown-it";

/**
 * Markdown to safe HTML, for our own content (help, legal) and for what users write (problems,
 * comments). Raw HTML in the source is escaped, never rendered; links and images survive only
 * with an http(s) or mailto URL, or a relative / anchor one.
 */

export type RenderMarkdownOptions = {
  /**
   * The source was written by a user: every link opens in a new tab with
   * `rel="nofollow ugc noopener"`, and heading ids are prefixed with `user-content-` so they
   * cannot collide with (or clobber) the page's own ids.
   */
  userContent?: boolean;
};

type RenderEnv = { userContent: boolean };

const ALLOWED_SCHEMES = new Set(["http", "https", "mailto"]);
const SCHEME_RE = /^([a-z][a-z0-9+.-]*):/;
const EXTERNAL_RE = /^(?:https?:)?\/\//;
const USER_CONTENT_ID_PREFIX = "user-content-";

/**
 * Allow http(s), mailto and scheme-less (relative, anchor) URLs. Applies to links, autolinks,
 * linkified text and images alike, so `javascript:`, `vbscript:`, `file:` and every `data:`
 * URL (markdown-it's default lets some `data:image/…` through) are dropped. The URL arrives
 * normalised, with entities decoded.
 */
function isAllowedUrl(url: string): boolean {
  const scheme = SCHEME_RE.exec(url.trim().toLowerCase())?.[1];
  return scheme === undefined || ALLOWED_SCHEMES.has(scheme);
}

/** "Votes & Comments — how?" → "votes-comments-how". */
function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

function inlineText(token: Token | undefined): string {
  return (token?.children ?? [])
    .map((child) => {
      if (child.type === "text" || child.type === "code_inline") return child.content;
      if (child.type === "softbreak" || child.type === "hardbreak") return " ";
      return "";
    })
    .join("");
}

function isUserContent(env: unknown): boolean {
  return (env as Partial<RenderEnv> | undefined)?.userContent === true;
}

/** Give every heading a unique `id` built from its text, for anchor links. */
function headingIds(state: StateCore): void {
  const prefix = isUserContent(state.env) ? USER_CONTENT_ID_PREFIX : "";
  const used = new Map<string, number>();
  state.tokens.forEach((token, index) => {
    if (token.type !== "heading_open") return;
    const base = prefix + (slugify(inlineText(state.tokens[index + 1])) || "section");
    const seen = used.get(base) ?? 0;
    used.set(base, seen + 1);
    token.attrSet("id", seen === 0 ? base : `${base}-${seen}`);
  });
  // A user's "# Heading" must not become a second <h1> on our page: their headings start at h3.
  if (prefix) {
    for (const token of state.tokens) {
      if (token.type === "heading_open" || token.type === "heading_close") {
        const level = Math.min(6, Number(token.tag.slice(1)) + 2);
        token.tag = `h${level}`;
      }
    }
  }
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: true });
md.validateLink = isAllowedUrl;
// linkify-it knows only older TLDs for bare addresses; add the ones we and our users rely on.
md.linkify.tlds(["dev", "app"], true);
md.core.ruler.push("heading_ids", headingIds);

md.renderer.rules.link_open = (tokens, index, options, env, self) => {
  const token = tokens[index];
  if (token) {
    if (isUserContent(env)) {
      token.attrSet("rel", "nofollow ugc noopener");
      token.attrSet("target", "_blank");
    } else if (EXTERNAL_RE.test(token.attrGet("href") ?? "")) {
      token.attrSet("rel", "noopener");
    }
  }
  return self.renderToken(tokens, index, options);
};

/** Render markdown to HTML that is safe to insert with `dangerouslySetInnerHTML`. */
export function renderMarkdown(source: string, options: RenderMarkdownOptions = {}): string {
  const env: RenderEnv = { userContent: options.userContent ?? false };
  return md.render(source, env);
}

/**
 * The plain text of a line of inline markdown (`**Bold** [link](/x)` → "Bold link"), for
 * summaries and meta descriptions. Not HTML-escaped: let React (or the caller) escape it.
 */
export function markdownToText(source: string): string {
  const [inline] = md.parseInline(source, { userContent: false } satisfies RenderEnv);
  return inlineText(inline).replace(/\s+/g, " ").trim();
}
