import type { Locator, Page } from "@playwright/test";
import {
  expect,
  openLatestEmail,
  ownClientAddress,
  signIn,
  signUpAndVerify,
  test,
  type AccessibilityWatch,
} from "./support";

// Every public and signed-in page, at a desktop and a phone width, checked with axe-core by the
// fixture in e2e/support.ts (serious and critical WCAG 2.1 A/AA violations fail the test), with
// the states other specs do not reach (open menus, field errors), and each page's main control
// reached with Tab and showing where the focus is.

const WIDTHS = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
];

/** Press Tab from the top of the page until `target` has the focus; it must show a focus style. */
async function expectReachableByTab(page: Page, target: Locator, maxPresses = 40) {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  for (let presses = 0; presses < maxPresses; presses++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement)) break;
  }
  await expect(target, "reached with Tab").toBeFocused();
  const indicator = await target.evaluate((element) => {
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const ring = style.boxShadow !== "none" && style.boxShadow !== "";
    return outline || ring ? "" : `no outline or ring on ${element.outerHTML.slice(0, 120)}`;
  });
  expect(indicator, "a visible focus style").toBe("");
}

/** Ids that appear more than once on the page (labels and descriptions point at ids). */
async function duplicateIds(page: Page) {
  return page.evaluate(() => {
    const ids = [...document.querySelectorAll("[id]")].map((element) => element.id);
    return [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
  });
}

/** Form controls without exactly one label (hidden inputs aside). */
async function controlsWithoutOneLabel(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement>("input, select, textarea")]
      .filter((control) => !["hidden", "submit", "button", "reset", "image"].includes(control.type))
      .filter(
        (control) =>
          control.labels?.length !== 1 &&
          !control.getAttribute("aria-label") &&
          !control.getAttribute("aria-labelledby"),
      )
      .map((control) => `${control.name || control.id}: ${control.labels?.length ?? 0} labels`),
  );
}

test("sign-in: every field has one label and its own id, and its error is its description", async ({
  page,
  accessibility,
}) => {
  await page.goto("/sign-in");
  // One email field, two ways to continue (a password, or a link by email).
  const email = page.getByLabel("Email", { exact: true });
  const sendLink = page.getByRole("button", { name: "Email me a sign-in link" });
  await expect(email).toHaveCount(1);
  await expect(sendLink).toHaveCount(1);
  expect(await controlsWithoutOneLabel(page)).toEqual([]);

  // An empty submit by either button is announced with the field it is about; ids stay unique.
  await sendLink.click();
  await expect(email).toHaveAccessibleDescription(/email/i);
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(email).toHaveAccessibleDescription(/email/i);
  expect(await duplicateIds(page)).toEqual([]);
  expect(await controlsWithoutOneLabel(page)).toEqual([]);
  await accessibility.check(page);
});

test("the workspace switcher's name starts with the workspace it shows", async ({
  page,
  accessibility,
}) => {
  await signIn(page, "owner@demo.problemboard.dev");
  await page.goto("/w/acme");
  const switcher = page.getByRole("button", { name: /^Acme Inc\b.*switch workspace/i });
  await expect(switcher).toBeVisible();
  await expect(switcher).toContainText("Acme Inc");
  await switcher.click();
  await expect(page.getByRole("menuitem", { name: /Acme Inc/ })).toBeVisible();
  await accessibility.check(page);
  await page.keyboard.press("Escape");
  await expect(switcher).toBeFocused();
});

/** A page to visit, and (optionally) the control a keyboard user comes for. */
interface Visit {
  path: string;
  main?: (page: Page) => Locator;
  /** Check it even if its path was checked before (another state of the same page). */
  again?: boolean;
}

const skipLink = (page: Page) => page.getByRole("link", { name: "Skip to content" });

const MARKETING: Visit[] = [
  {
    path: "/",
    main: (page) =>
      page
        .getByRole("main")
        .getByRole("link", { name: /start free/i })
        .first(),
  },
  { path: "/pricing", main: (page) => page.getByRole("main").getByRole("link").first() },
  { path: "/help", main: (page) => page.getByRole("main").getByRole("link").first() },
  { path: "/help/getting-started", main: skipLink },
  { path: "/legal/privacy", main: skipLink },
  { path: "/legal/terms", main: skipLink },
  { path: "/email/unsubscribe?token=not-a-token" },
];

const AUTH: Visit[] = [
  { path: "/sign-in", main: (page) => page.getByLabel("Email", { exact: true }) },
  { path: "/sign-up", main: (page) => page.getByLabel("Your name") },
  { path: "/forgot-password", main: (page) => page.getByLabel("Email") },
  {
    path: "/reset-password",
    main: (page) => page.getByRole("link", { name: "Request a new one" }),
  },
  {
    path: "/reset-password?token=not-checked-until-submitted",
    again: true,
    main: (page) => page.getByLabel("New password", { exact: true }),
  },
  { path: "/verify-email?email=someone%40example.com" },
];

const WORKSPACE: Visit[] = [
  { path: "/w/acme" },
  { path: "/w/acme/boards", main: (page) => page.getByRole("link", { name: "New board" }).first() },
  { path: "/w/acme/boards/new", main: (page) => page.getByLabel("Board name") },
  { path: "/w/acme/inbox" },
  { path: "/w/acme/moderation" },
  { path: "/w/acme/members", main: (page) => page.getByLabel("Email address") },
  { path: "/w/acme/billing" },
  { path: "/w/acme/audit" },
  { path: "/account" },
  { path: "/workspaces/new", main: (page) => page.getByLabel("Workspace name") },
];

/**
 * Visit each page: it answers, has its landmarks and a heading, every field has exactly one label,
 * no id is used twice, and its main control is reachable by Tab.
 */
async function visitAll(page: Page, accessibility: AccessibilityWatch, visits: Visit[]) {
  for (const { path, main, again } of visits) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBeLessThan(400);
    await expect(page.getByRole("main"), path).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 }).first(), path).toBeVisible();
    expect(
      await controlsWithoutOneLabel(page),
      `${path}: fields without exactly one label`,
    ).toEqual([]);
    expect(await duplicateIds(page), `${path}: ids used twice`).toEqual([]);
    if (again) await accessibility.check(page);
    if (main) await expectReachableByTab(page, main(page));
  }
}

/** Open the first problem of the page's board list. */
async function openFirstProblem(page: Page) {
  await page.locator('main a[href*="/p/prb_"]').first().click();
  await expect(page).toHaveURL(/\/p\/prb_/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

for (const { name, viewport } of WIDTHS) {
  test.describe(`at ${viewport.width} px (${name})`, () => {
    // Its own client address: Better Auth allows 3 reset emails per address in 5 minutes.
    test.use({ viewport, extraHTTPHeaders: { "x-forwarded-for": ownClientAddress() } });

    test("marketing, help and legal pages", async ({ page, accessibility }) => {
      await visitAll(page, accessibility, MARKETING);
      // The friendly 404.
      expect((await page.goto("/no-such-page"))?.status()).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    });

    test("sign-in, sign-up and password pages, with their errors and notices", async ({
      page,
      accessibility,
    }) => {
      await visitAll(page, accessibility, AUTH);
      await page.goto("/sign-up");
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(page.locator('[data-slot="field-error"]').first()).toBeVisible();
      await accessibility.check(page);
      await page.goto("/forgot-password");
      await page.getByLabel("Email").fill("owner@demo.problemboard.dev");
      await page.getByRole("button", { name: "Send reset link" }).click();
      await expect(page.getByRole("status")).toBeVisible();
      await accessibility.check(page);
    });

    test("the public board and a problem, signed out", async ({ page, accessibility }) => {
      await visitAll(page, accessibility, [
        { path: "/b/acme/feedback", main: (p) => p.getByRole("link", { name: "Sign in to post" }) },
      ]);
      await openFirstProblem(page);
    });

    test("the email outbox, an email and the templates", async ({ page, accessibility }) => {
      await page.goto("/forgot-password");
      await page.getByLabel("Email").fill("admin@demo.problemboard.dev");
      await page.getByRole("button", { name: "Send reset link" }).click();
      await expect(page.getByRole("status")).toBeVisible();
      // Visits the outbox and opens the email (both checked).
      await openLatestEmail(
        page,
        "admin@demo.problemboard.dev",
        "Reset your Problemboard password",
      );
      await visitAll(page, accessibility, [{ path: "/dev/emails/templates" }]);
      await page.locator('main a[href^="/dev/emails/templates/"]').first().click();
      await expect(page).toHaveURL(/\/dev\/emails\/templates\/.+/);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    });

    test("workspace, account and board pages, signed in, with menus open", async ({
      page,
      accessibility,
    }) => {
      await signIn(page, "owner@demo.problemboard.dev");
      await visitAll(page, accessibility, WORKSPACE);
      await page.goto("/w/acme/boards");
      await page.getByRole("link", { name: "Settings for Product feedback" }).click();
      await expect(page).toHaveURL(/\/settings$/);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await accessibility.check(page);

      // Signed in, the board is the live page with the post form, and a problem has triage.
      await visitAll(page, accessibility, [
        { path: "/b/acme/feedback", main: (p) => p.getByLabel("Title") },
      ]);
      await openFirstProblem(page);

      await page.goto("/w/acme");
      await page.getByRole("button", { name: "Account menu" }).click();
      await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeVisible();
      await accessibility.check(page);
    });
  });
}

test("the moderation queue with a held post, and the list of banned authors", async ({
  page,
  browser,
  accessibility,
}) => {
  // A new author's first post is held for review.
  const run = Date.now().toString(36);
  const author = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": ownClientAddress() },
  });
  const authorPage = await author.newPage();
  await signUpAndVerify(
    authorPage,
    `Hal Held ${run}`,
    `held-${run}@example.com`,
    "held-posts-2026",
  );
  await authorPage.goto("/b/acme/feedback");
  await authorPage.getByLabel("Title").fill(`Held for review ${run}`);
  await authorPage.getByLabel("Details").fill("A first post from a new author.");
  await authorPage.getByRole("button", { name: "Post problem" }).click();
  await expect(authorPage.getByText(/will appear once a moderator approves it/)).toBeVisible();
  await author.close();

  await signIn(page, "owner@demo.problemboard.dev");
  await page.goto("/w/acme/moderation");
  // The visible text starts each button's name (WCAG 2.5.3); the rest says which post or whom.
  await expect(
    page.getByRole("button", { name: `Approve problem “Held for review ${run}”` }),
  ).toBeVisible();
  const ban = page.getByRole("button", { name: `Ban author Hal Held ${run}` });
  await expect(ban).toBeVisible();
  await accessibility.check(page);

  page.once("dialog", (dialog) => void dialog.accept());
  await ban.click();
  const lift = page.getByRole("button", { name: `Lift ban on Hal Held ${run}` });
  await expect(lift).toBeVisible();
  await accessibility.check(page);
  await lift.click();
  await expect(lift).toHaveCount(0);
});
