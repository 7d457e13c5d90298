import { describe, expect, it } from "vitest";
import { markdownToText, renderMarkdown } from "@/lib/content/markdown";

describe("renderMarkdown", () => {
  it("escapes raw HTML instead of rendering it", () => {
    const html = renderMarkdown('Hello <script>alert("x")</script>\n\n<div onclick="x()">hi</div>');
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain("<div");
    expect(html).toContain("&lt;div onclick=");
  });

  it("escapes an image tag with an event handler", () => {
    const html = renderMarkdown("<img src=x onerror=alert(1)>");
    expect(html).not.toContain("<img");
    expect(html).toBe("<p>&lt;img src=x onerror=alert(1)&gt;</p>\n");
  });

  it("does not turn javascript:, vbscript:, file: or data: URLs into links or images", () => {
    for (const source of [
      "[x](javascript:alert(1))",
      "[x](JAVASCRIPT:alert(1))",
      "[x](&#106;avascript:alert(1))",
      "<javascript:alert(1)>",
      "[x](vbscript:msgbox(1))",
      "[x](file:///etc/passwd)",
      "[x](data:text/html;base64,PHNjcmlwdD4=)",
      "[x](ftp://example.com/file)",
      "![x](data:image/png;base64,iVBORw0KGgo=)",
      "![x](javascript:alert(1))",
    ]) {
      const html = renderMarkdown(source, { userContent: true });
      expect(html, source).not.toMatch(/<a |<img /);
      expect(html, source).not.toMatch(/href=|src=/);
    }
  });

  it("keeps http(s), mailto, relative and anchor links", () => {
    expect(renderMarkdown("[a](https://example.com/x)")).toContain('href="https://example.com/x"');
    expect(renderMarkdown("[a](http://example.com)")).toContain('href="http://example.com"');
    expect(renderMarkdown("[a](mailto:help@example.com)")).toContain(
      'href="mailto:help@example.com"',
    );
    expect(renderMarkdown("[a](/help/billing-and-plans)")).toContain(
      'href="/help/billing-and-plans"',
    );
    expect(renderMarkdown("[a](#limits)")).toContain('href="#limits"');
    expect(renderMarkdown("![chart](https://example.com/c.png)")).toContain(
      '<img src="https://example.com/c.png" alt="chart">',
    );
  });

  it("marks every link in user content nofollow ugc and opens it in a new tab", () => {
    const html = renderMarkdown(
      "See [docs](https://example.com/docs), [home](/), and www.example.org",
      { userContent: true },
    );
    const links = html.match(/<a [^>]*>/g) ?? [];
    expect(links).toHaveLength(3);
    for (const link of links) {
      expect(link).toContain('rel="nofollow ugc noopener"');
      expect(link).toContain('target="_blank"');
    }
  });

  it("gives external links in our own content rel=noopener and leaves internal links alone", () => {
    const html = renderMarkdown("[out](https://example.com) and [in](/pricing)");
    expect(html).toContain('<a href="https://example.com" rel="noopener">out</a>');
    expect(html).toContain('<a href="/pricing">in</a>');
    expect(html).not.toContain("nofollow");
    expect(html).not.toContain("target=");
  });

  it("linkifies bare URLs and email addresses", () => {
    const html = renderMarkdown("Write to support@problemboard.dev or visit https://example.com.");
    expect(html).toContain('href="mailto:support@problemboard.dev"');
    expect(html).toContain('href="https://example.com"');
  });

  it("gives headings unique id slugs", () => {
    const html = renderMarkdown(
      "# Getting started\n\n## Votes & *comments*\n\n## Votes & comments",
    );
    expect(html).toContain('<h1 id="getting-started">Getting started</h1>');
    expect(html).toContain('<h2 id="votes-comments">Votes &amp; <em>comments</em></h2>');
    expect(html).toContain('<h2 id="votes-comments-1">');
  });

  it("prefixes heading ids in user content so they cannot clash with the page's ids", () => {
    expect(renderMarkdown("## Main content", { userContent: true })).toContain(
      '<h4 id="user-content-main-content">',
    );
  });

  it("escapes code in fenced and inline code", () => {
    const html = renderMarkdown('```html\n<script>alert("x")</script>\n```\n\nand `<b>`');
    expect(html).toContain(
      '<pre><code class="language-html">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\n</code></pre>',
    );
    expect(html).toContain("<code>&lt;b&gt;</code>");
  });

  it("does not let a fence's info string break out of the class attribute", () => {
    const html = renderMarkdown('```js" onmouseover="alert(1)\ncode\n```');
    expect(html).not.toMatch(/onmouseover="alert/);
  });

  it("applies typographic quotes", () => {
    expect(renderMarkdown('"Quoted"')).toContain("“Quoted”");
  });
});

describe("markdownToText", () => {
  it("returns the text of inline markdown without markup", () => {
    expect(markdownToText("**Boards** hold [problems](/help) & `votes`")).toBe(
      "Boards hold problems & votes",
    );
  });
});

describe("user content headings", () => {
  it("never produce a second page title", () => {
    const html = renderMarkdown("# Big\n\n### Small", { userContent: true });
    expect(html).toContain("<h3");
    expect(html).toContain("<h5");
    expect(html).not.toContain("<h1");
  });
});
