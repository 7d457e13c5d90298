import AxeBuilder from "@axe-core/playwright";
import {
  test as base,
  expect,
  type Browser,
  type BrowserContext,
  type Page,
} from "@playwright/test";

// Every spec imports `test` and `expect` from here (never from @playwright/test), so every page a
// test visits, in any browser context it opens, is checked with axe-core (WCAG 2.0 and 2.1, A and
// AA) and a serious or critical violation fails the test. See `accessibility` below.

export { expect };

export const DEMO_PASSWORD = "demo-password-2026";

/** The rule sets the product is held to: WCAG 2.0 and 2.1, levels A and AA. */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
/** Violations that fail a test; moderate and minor ones are only attached to its report. */
const BLOCKING = new Set(["serious", "critical"]);
/** How long the DOM must stay unchanged before a page reached by a click is checked. */
const QUIET_MS = 300;
/** A check that takes longer than this is reported as a problem instead of stalling the test. */
const CHECK_LIMIT_MS = 20_000;
/**
 * Not checked: frames sandboxed without `allow-scripts` (the outbox's preview of an email's own
 * HTML at /dev/emails/{id}): axe has to run inside a frame to check it, and where scripts are off
 * its run never finishes.
 */
const UNCHECKABLE = "iframe[sandbox]:not([sandbox~='allow-scripts'])";

export interface AxeFinding {
  /** The page's path and viewport width, e.g. "/sign-in at 1280px". */
  page: string;
  /** Its full address when it was checked. */
  url: string;
  rule: string;
  impact: string;
  help: string;
  helpUrl: string;
  targets: { selector: string; why: string }[];
}

type Results = Awaited<ReturnType<AxeBuilder["analyze"]>>;

/** Errors that mean the page went away mid-check (it navigated or closed), not a bug. */
const GONE =
  /Execution context was destroyed|Target page, context or browser has been closed|Target closed|frame was detached|navigat|Frame has been detached/i;

/**
 * Watches every page of every browser context a test uses and runs axe on each distinct page
 * (path and viewport width, per context: a visitor and a member see different things) once:
 * - a page reached by `goto`/`reload` or left by `goto`/`reload`/`close` (and every page still
 *   open when the test ends) is checked at that moment, while the test waits;
 * - a page reached any other way (a click, a redirect after a form) is checked once its DOM has
 *   been quiet for a moment and no menu or dialog is open, alongside the test.
 * Tests can also check the current state of a page explicitly with `check(page)`.
 */
export class AccessibilityWatch {
  readonly findings: AxeFinding[] = [];
  readonly checked: string[] = [];
  private readonly problems: string[] = [];
  private readonly queues = new Map<Page, Promise<void>>();
  private readonly done = new Map<BrowserContext, Set<string>>();
  private readonly origin: string;

  constructor(baseURL: string) {
    this.origin = new URL(baseURL).origin;
  }

  watchContext(context: BrowserContext) {
    if (this.done.has(context)) return;
    this.done.set(context, new Set());
    for (const page of context.pages()) this.watchPage(page);
    context.on("page", (page) => this.watchPage(page));
    const close = context.close.bind(context);
    context.close = async (...args: Parameters<BrowserContext["close"]>) => {
      await Promise.all(context.pages().map((page) => this.settle(page)));
      return close(...args);
    };
  }

  /** Checks the page as it is now (its menus open, its errors shown…), even if seen before. */
  async check(page: Page): Promise<AxeFinding[]> {
    await this.queues.get(page);
    const key = this.keyOf(page);
    if (!key) throw new Error(`not an app page: ${page.url()}`);
    return this.scan(page, key);
  }

  /** Finish the checks of every page still open (the test has ended). */
  async settleAll() {
    for (const context of this.done.keys()) {
      for (const page of context.pages()) await this.settle(page);
    }
  }

  /** Every blocking violation found, one readable entry per rule and page ("" if none). */
  summary(): string {
    const blocking = this.findings.filter((finding) => BLOCKING.has(finding.impact));
    if (blocking.length === 0 && this.problems.length === 0) return "";
    const lines = blocking.map(
      (f) =>
        `• ${f.rule} (${f.impact}) on ${f.page} (${f.url}): ${f.help}\n` +
        f.targets.map((t) => `    ${t.selector}${t.why ? ` — ${t.why}` : ""}`).join("\n") +
        `\n    ${f.helpUrl}`,
    );
    return [
      blocking.length
        ? `${blocking.length} serious or critical accessibility violation(s) (axe-core, WCAG 2.1 A/AA):`
        : "",
      ...lines,
      ...this.problems.map((problem) => `• axe could not check a page: ${problem}`),
    ]
      .filter(Boolean)
      .join("\n");
  }

  private watchPage(page: Page) {
    if (this.queues.has(page)) return;
    this.queues.set(page, Promise.resolve());
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) void this.enqueue(page, () => this.whenQuiet(page));
    });
    for (const method of ["goto", "reload", "goBack", "goForward"] as const) {
      const original = page[method].bind(page) as (...args: unknown[]) => Promise<unknown>;
      (page as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
        await this.settle(page);
        const response = await original(...args);
        await this.settle(page);
        return response;
      };
    }
    const close = page.close.bind(page);
    page.close = async (...args: Parameters<Page["close"]>) => {
      await this.settle(page);
      return close(...args);
    };
  }

  /** "/sign-in at 1280px", or null for pages that are not the app's (about:blank, Stripe…). */
  private keyOf(page: Page): string | null {
    if (page.isClosed()) return null;
    const url = new URL(page.url());
    if (url.origin !== this.origin) return null;
    return `${url.pathname} at ${page.viewportSize()?.width ?? "?"}px`;
  }

  private isDone(page: Page, key: string) {
    return this.done.get(page.context())?.has(key) ?? false;
  }

  private enqueue(page: Page, step: () => Promise<void>) {
    const next = (this.queues.get(page) ?? Promise.resolve()).then(step).catch((error: unknown) => {
      this.fail(page, error);
    });
    this.queues.set(page, next);
    return next;
  }

  /** Wait for pending checks of this page, then check what it shows now if not seen yet. */
  private async settle(page: Page) {
    await this.enqueue(page, async () => {
      const key = this.keyOf(page);
      if (!key || this.isDone(page, key)) return;
      await page.waitForLoadState("load");
      if (this.keyOf(page) === key && !this.isDone(page, key)) await this.scan(page, key);
    });
  }

  /** For pages reached by a click: check once the DOM is quiet and no menu or dialog is open. */
  private async whenQuiet(page: Page) {
    const key = this.keyOf(page);
    if (!key || this.isDone(page, key)) return;
    await page.waitForLoadState("load");
    const quiet = await page.evaluate(
      ({ quietMs }) =>
        new Promise<boolean>((resolve) => {
          const deadline = Date.now() + 10_000;
          const layerOpen = () =>
            document.querySelector(
              '[role="menu"][data-state="open"], [role="dialog"][data-state="open"], [role="listbox"]',
            ) !== null;
          let timer = 0;
          const finish = (value: boolean) => {
            observer.disconnect();
            window.clearTimeout(timer);
            resolve(value);
          };
          const restart = () => {
            window.clearTimeout(timer);
            if (Date.now() > deadline) return finish(false);
            timer = window.setTimeout(() => (layerOpen() ? restart() : finish(true)), quietMs);
          };
          const observer = new MutationObserver(restart);
          observer.observe(document, {
            subtree: true,
            childList: true,
            attributes: true,
            characterData: true,
          });
          restart();
        }),
      { quietMs: QUIET_MS },
    );
    // A page that never settles is checked when the test leaves it or ends (settle()).
    if (quiet && this.keyOf(page) === key && !this.isDone(page, key)) await this.scan(page, key);
  }

  private async scan(page: Page, key: string): Promise<AxeFinding[]> {
    this.done.get(page.context())?.add(key);
    let results: Results;
    try {
      if (!(await page.evaluate(() => document.contentType === "text/html"))) return [];
      const analysis = new AxeBuilder({ page }).withTags(WCAG_TAGS).exclude(UNCHECKABLE).analyze();
      analysis.catch(() => undefined); // past the time limit nobody waits for it any more
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`axe did not finish within ${CHECK_LIMIT_MS} ms`)),
          CHECK_LIMIT_MS,
        );
      });
      results = await Promise.race([analysis, limit]).finally(() => clearTimeout(timer));
    } catch (error) {
      // It left before the check finished: check it again if the test comes back.
      this.done.get(page.context())?.delete(key);
      if (error instanceof Error && GONE.test(error.message)) return [];
      throw error;
    }
    this.checked.push(key);
    const url = page.url();
    const found = results.violations.map((violation): AxeFinding => ({
      page: key,
      url,
      rule: violation.id,
      impact: violation.impact ?? "unknown",
      help: violation.help,
      helpUrl: violation.helpUrl,
      targets: violation.nodes.map((node) => ({
        selector: node.target.map(String).join(" >>> "),
        why: [...node.any, ...node.all, ...node.none]
          .map((check) => check.message)
          .filter(Boolean)
          .join("; ")
          .slice(0, 240),
      })),
    }));
    for (const finding of found) {
      const seen = this.findings.some(
        (f) =>
          f.page === finding.page &&
          f.rule === finding.rule &&
          JSON.stringify(f.targets) === JSON.stringify(finding.targets),
      );
      if (!seen) this.findings.push(finding);
    }
    return found;
  }

  private fail(page: Page, error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    if (GONE.test(message) || page.isClosed()) return;
    this.problems.push(`${page.url()}: ${message.split("\n")[0]}`);
  }
}

export const test = base.extend<{ accessibility: AccessibilityWatch }>({
  accessibility: [
    async ({ browser, context, baseURL }, use, testInfo) => {
      const watch = new AccessibilityWatch(baseURL ?? "http://localhost");
      watch.watchContext(context);
      const onContext = (created: BrowserContext) => watch.watchContext(created);
      browser.on("context", onContext);
      await use(watch);
      browser.off("context", onContext);
      // A test that already failed or was skipped keeps its own error; what was found so far is
      // still attached.
      const passing = testInfo.status === testInfo.expectedStatus && testInfo.status !== "skipped";
      if (passing) await watch.settleAll();
      testInfo.annotations.push({
        type: "accessibility",
        description: `axe checked ${watch.checked.length} page(s): ${watch.checked.join(", ")}`,
      });
      if (watch.findings.length > 0) {
        await testInfo.attach("axe-violations.json", {
          body: JSON.stringify(watch.findings, null, 2),
          contentType: "application/json",
        });
      }
      const summary = watch.summary();
      if (summary && passing) throw new Error(summary);
      if (summary) await testInfo.attach("accessibility", { body: summary });
    },
    { auto: true },
  ],
});

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, next?: string) {
  await page.goto(next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

let clients = 0;
const run = Math.floor(Math.random() * 250);

/**
 * A client address of its own (as a proxy in front of the app would report it), so per-address
 * limits (sign-in, emails sent) count this browser separately from the rest of the run.
 */
export function ownClientAddress() {
  clients += 1;
  return `198.19.${run}.${clients % 250}`;
}

/**
 * A separate signed-in browser, as a second person would be: its own cookies and its own client
 * address (as a proxy in front of the app would report it), so the per-address sign-in limit
 * counts each person separately.
 */
export async function personAt(browser: Browser, email: string) {
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": ownClientAddress() },
  });
  const page = await context.newPage();
  await signIn(page, email);
  return { page, close: () => context.close() };
}

export async function openLatestEmail(page: Page, to: string, subject: string | RegExp) {
  const name = typeof subject === "string" ? subject : subject.source;
  const link = page.getByRole("link", { name: new RegExp(`${name}.*to ${to}`) }).first();
  // The job worker renders and delivers mail a moment after the request that queued it.
  await expect(async () => {
    await page.goto("/dev/emails");
    await expect(link).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await link.click();
  return (await page.getByTestId("email-text").textContent()) ?? "";
}

export async function signUpAndVerify(page: Page, name: string, email: string, password: string) {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  const text = await openLatestEmail(page, email, "Verify your email for Problemboard");
  const link = text.match(/https?:\/\/\S+\/api\/auth\/verify-email\S+/)?.[0];
  expect(link, "verification link").toBeTruthy();
  await page.goto(link!);
  await expect(page).toHaveURL(/\/w\//);
}

/**
 * A new browser with a client address of its own, for a spec that signs up several people: the
 * per-address sign-up limit then counts each separately from the rest of the run.
 */
export async function newVisitor(
  browser: Browser,
  options: Parameters<Browser["newContext"]>[0] = {},
) {
  clients += 1;
  const context = await browser.newContext({
    ...options,
    extraHTTPHeaders: { "x-forwarded-for": `198.20.${run}.${clients % 250}` },
  });
  return { context, page: await context.newPage() };
}
