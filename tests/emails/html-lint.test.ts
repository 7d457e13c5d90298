// @vitest-environment jsdom
// Checks every rendered template against what email clients (Gmail, Outlook, Apple Mail) need:
// inline styles only, nothing loaded from elsewhere, accessible images, links that work outside
// the app, a readable width, and an unsubscribe link exactly where one belongs.
import { describe, expect, it } from "vitest";

import {
  isNotification,
  previewProps,
  renderEmail,
  templateNames,
  type TemplateName,
} from "@/lib/email/templates";

const UNSUBSCRIBE_URL = "https://problemboard.app/email/unsubscribe?token=lint-token";
const MAX_WIDTH_PX = 600;

async function renderDocument(name: TemplateName, unsubscribeUrl?: string) {
  const { html } = await renderEmail(name, previewProps(name), { unsubscribeUrl });
  return { html, document: new DOMParser().parseFromString(html, "text/html") };
}

function unsubscribeLinks(document: Document): HTMLAnchorElement[] {
  return [...document.querySelectorAll("a")].filter((a) =>
    /unsubscribe/i.test(a.textContent ?? ""),
  );
}

describe.each(templateNames)("HTML of %s", (name) => {
  it("is a complete document that loads nothing from elsewhere", async () => {
    const { html, document } = await renderDocument(name, UNSUBSCRIBE_URL);

    expect(html).toMatch(/^<!DOCTYPE html/i);
    expect(document.documentElement.getAttribute("lang")).toBe("en");
    expect(document.querySelectorAll('link[rel~="stylesheet" i]')).toHaveLength(0);
    expect(document.querySelectorAll("script")).toHaveLength(0);
    for (const style of document.querySelectorAll("style")) {
      expect(style.textContent).not.toMatch(/@import|url\(/i);
    }
    // Styles are inline: a class would need a stylesheet that email clients strip.
    expect(document.querySelectorAll("[class]")).toHaveLength(0);
  });

  it("gives every image alt text and every link an absolute http(s) URL", async () => {
    const { document } = await renderDocument(name, UNSUBSCRIBE_URL);

    for (const img of document.querySelectorAll("img")) {
      expect(img.getAttribute("alt")?.trim(), img.outerHTML).toBeTruthy();
    }
    const links = [...document.querySelectorAll("a")];
    for (const a of links) {
      const href = a.getAttribute("href") ?? "";
      expect(href, a.outerHTML).toMatch(/^https?:\/\/[^/\s]+/);
      expect(() => new URL(href), href).not.toThrow();
    }
  });

  it("keeps its content inside a container at most 600px wide", async () => {
    const { document } = await renderDocument(name);

    const container = [...document.body.querySelectorAll<HTMLElement>("table")].find((table) =>
      table.style.maxWidth.endsWith("px"),
    );
    expect(container, "no container with a px max-width").toBeDefined();
    expect(Number.parseFloat(container!.style.maxWidth)).toBeLessThanOrEqual(MAX_WIDTH_PX);
    expect(container!.contains(document.querySelector("h1"))).toBe(true);
    expect(container!.textContent).toContain("548 Market St #49500");
  });

  if (isNotification(name)) {
    it("shows the unsubscribe link exactly when renderEmail is given unsubscribeUrl", async () => {
      const withUrl = await renderDocument(name, UNSUBSCRIBE_URL);
      const links = unsubscribeLinks(withUrl.document);
      expect(links).toHaveLength(1);
      expect(links[0]!.getAttribute("href")).toBe(UNSUBSCRIBE_URL);
      expect(links[0]!.textContent).toBe("Unsubscribe from these emails");

      const withoutUrl = await renderDocument(name);
      expect(unsubscribeLinks(withoutUrl.document)).toHaveLength(0);
      expect(withoutUrl.html).not.toMatch(/unsubscribe/i);
    });
  } else {
    it("never shows an unsubscribe link, even when given an unsubscribeUrl", async () => {
      const { html, document } = await renderDocument(name, UNSUBSCRIBE_URL);
      expect(unsubscribeLinks(document)).toHaveLength(0);
      expect(html).not.toContain(UNSUBSCRIBE_URL);
      expect(html).not.toMatch(/unsubscribe/i);
    });
  }
});
