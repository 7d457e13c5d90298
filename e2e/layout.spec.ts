import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, newVisitor, openLatestEmail, signUpAndVerify, test } from "./support";

// No page is wider than the screen, at 390 px (a phone) and 1,280 px, with adversarial content:
// a 140-character title without spaces, a long URL in a body, and long names for the person, the
// workspace and the board. Each page is checked signed in (the app) or signed out (public).

const stamp = Date.now().toString(36);
const word = (prefix: string, length: number) =>
  `${prefix}${"x".repeat(length)}`.slice(0, length - stamp.length) + stamp;
const longUrl = `https://example.com/${"very-long-path-segment/".repeat(12)}${"q".repeat(80)}?${"utm=1&".repeat(20)}`;

const personName = word("Bartholomew", 80);
const workspaceName = word("Overflowing", 60);
const boardName = word("Unbreakable", 60);
const problemTitle = word("Supercalifragilistic", 140);
const problemBody = `It breaks here: ${longUrl}\n\n${word("Floccinaucinihilipilification", 300)}\n\n\`${"inline_code_".repeat(20)}\``;
const commentBody = `${word("Pneumonoultramicroscopic", 400)} see ${longUrl}`;

const WIDTHS = [
  { width: 390, height: 844, isMobile: true, hasTouch: true },
  { width: 1280, height: 800, isMobile: false, hasTouch: false },
] as const;

interface Seeded {
  workspaceSlug: string;
  boardPath: string;
  problemPath: string;
  boardSettingsPath: string;
  invitationPath: string;
}

/** Everything a customer would create, with the longest names the forms accept. */
async function seed(page: Page, browser: Browser): Promise<Seeded> {
  const email = `layout-${stamp}@example.com`;
  await signUpAndVerify(page, personName, email, "a-long-and-unusual-passphrase");

  await page.goto("/workspaces/new");
  await page.getByLabel("Workspace name").fill(workspaceName);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/[^/]+$/);
  const workspaceSlug = new URL(page.url()).pathname.split("/")[2]!;

  await page.goto(`/w/${workspaceSlug}/boards/new`);
  await page.getByLabel("Board name").fill(boardName);
  await page.getByLabel("Description (optional)").fill(`Tell us at ${longUrl}`.slice(0, 500));
  await page.getByLabel("Posting guidelines (optional)").fill(`Read ${longUrl} first.`);
  await page.getByRole("button", { name: "Create board" }).click();
  await expect(page).toHaveURL(/\/b\/[^/]+\/[^/]+$/);
  const boardPath = new URL(page.url()).pathname;

  await page.getByLabel("Title").fill(problemTitle);
  await page.getByLabel("Details").fill(problemBody);
  await page.getByRole("button", { name: "Post problem" }).click();
  await expect(page).toHaveURL(/\/p\/prb_/);
  await expect(page.getByRole("heading", { name: problemTitle, level: 1 })).toBeVisible();
  const problemPath = new URL(page.url()).pathname;

  // A status change with a note (the timeline), a comment and a reply.
  await page.getByLabel("Status").selectOption("planned");
  await page.getByLabel("Public note (optional)").fill(`Tracked in ${longUrl}`);
  await page.getByRole("button", { name: "Change status" }).click();
  await expect(page.getByText(/Tracked in https/).first()).toBeVisible();
  await page.getByLabel("Add a comment").fill(commentBody);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByText(commentBody.slice(0, 40)).first()).toBeVisible();
  await page.getByText("Reply", { exact: true }).first().click();
  await page.getByLabel(/^Reply to/).fill(commentBody);
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page.getByRole("list", { name: "Replies" })).toBeVisible();

  // A post by someone outside the workspace waits in the moderation queue.
  const { cookies } = await page.context().storageState();
  const { context: visitor, page: visitorPage } = await newVisitor(browser, {
    storageState: { cookies: cookies.filter((c) => c.name === "pb_consent"), origins: [] },
  });
  await signUpAndVerify(
    visitorPage,
    word("Maximiliana", 80),
    `layout-visitor-${stamp}@example.com`,
    "another-long-and-unusual-passphrase",
  );
  await visitorPage.goto(boardPath);
  await visitorPage.getByLabel("Title").fill(word("Antidisestablishmentarianism", 140));
  await visitorPage.getByLabel("Details").fill(problemBody);
  await visitorPage.getByRole("button", { name: "Post problem" }).click();
  await expect(visitorPage.getByText(/moderator/).first()).toBeVisible();
  await visitor.close();

  // A pending invitation to the longest address there is.
  const invitee = `${"i".repeat(54)}${stamp}`.slice(-64) + "@example.com";
  await page.goto(`/w/${workspaceSlug}/members`);
  await page.getByLabel("Email address").fill(invitee);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(invitee).first()).toBeVisible();
  const text = await openLatestEmail(page, invitee, "invited");
  const invitationPath = new URL(text.match(/https?:\/\/\S+\/invitations\/[^\s)]+/)![0]).pathname;

  await page.goto(`/w/${workspaceSlug}/boards`);
  const settings = page.locator('a[href*="/settings"]').first();
  const boardSettingsPath = (await settings.getAttribute("href"))!;

  return { workspaceSlug, boardPath, problemPath, boardSettingsPath, invitationPath };
}

/** The page's width past the screen, and the elements that stick out (for the failure message). */
async function overflowOf(page: Page, width: number) {
  return page.evaluate((screen) => {
    const root = document.documentElement;
    const limit = Math.min(window.innerWidth, root.clientWidth, screen);
    const culprits: string[] = [];
    for (const element of document.body.querySelectorAll("*")) {
      const rect = element.getBoundingClientRect();
      if (rect.right <= limit + 0.5 || rect.width === 0) continue;
      // Only the outermost offender of each branch.
      if (
        element.parentElement &&
        element.parentElement.getBoundingClientRect().right > limit + 0.5
      )
        continue;
      const name = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}.${String(
        element.getAttribute("class") ?? "",
      )
        .split(" ")
        .slice(0, 4)
        .join(".")}`;
      culprits.push(`${name} (right ${Math.round(rect.right)})`);
      if (culprits.length >= 5) break;
    }
    return { scrollWidth: root.scrollWidth, limit, culprits };
  }, width);
}

async function expectNoOverflow(page: Page, path: string, width: number) {
  const response = await page.goto(path);
  expect.soft(response?.status() ?? 0, `${path} loads`).toBeLessThan(500);
  const { scrollWidth, limit, culprits } = await overflowOf(page, width);
  expect
    .soft(scrollWidth, `${path} at ${width} px is ${scrollWidth} px wide: ${culprits.join(", ")}`)
    .toBeLessThanOrEqual(limit);
}

async function contextAt(
  browser: Browser,
  size: (typeof WIDTHS)[number],
  storageState: Awaited<ReturnType<BrowserContext["storageState"]>>,
) {
  return browser.newContext({
    viewport: { width: size.width, height: size.height },
    isMobile: size.isMobile,
    hasTouch: size.hasTouch,
    storageState,
  });
}

test("no public or app page is wider than the screen at 390 and 1,280 px, whatever people type", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const { page } = await newVisitor(browser);
  const seeded = await seed(page, browser);
  const signedIn = await page.context().storageState();
  // Signed out, with the cookie banner answered (as config's storage state does) or not.
  const answered = {
    ...signedIn,
    cookies: signedIn.cookies.filter((c) => c.name === "pb_consent"),
  };
  const unanswered = { ...signedIn, cookies: [] };

  const helpArticles = await page.request
    .get("/help")
    .then((r) => r.text())
    .then((html) => [...new Set(html.match(/\/help\/[a-z0-9-]+/g) ?? [])]);
  expect(helpArticles.length).toBeGreaterThan(0);

  const publicPages = [
    "/",
    "/pricing",
    "/pricing?interval=yearly",
    "/help",
    ...helpArticles,
    "/legal/privacy",
    "/legal/terms",
    "/sign-in",
    "/sign-up",
    "/forgot-password",
    "/email/unsubscribe",
    seeded.boardPath,
    `${seeded.boardPath}?q=${encodeURIComponent(problemTitle.slice(0, 200))}`,
    seeded.problemPath,
    `/no-such-page-${problemTitle}`,
  ];
  const appPages = [
    seeded.boardPath,
    seeded.problemPath,
    "/account",
    "/workspaces/new",
    `/w/${seeded.workspaceSlug}`,
    `/w/${seeded.workspaceSlug}/inbox`,
    `/w/${seeded.workspaceSlug}/moderation`,
    `/w/${seeded.workspaceSlug}/boards`,
    `/w/${seeded.workspaceSlug}/boards/new`,
    seeded.boardSettingsPath,
    `/w/${seeded.workspaceSlug}/members`,
    `/w/${seeded.workspaceSlug}/billing`,
    `/w/${seeded.workspaceSlug}/audit`,
    seeded.invitationPath,
  ];

  for (const size of WIDTHS) {
    const visitor = await contextAt(browser, size, answered);
    const visitorPage = await visitor.newPage();
    for (const path of publicPages) await expectNoOverflow(visitorPage, path, size.width);
    await visitor.close();

    const firstVisit = await contextAt(browser, size, unanswered);
    const firstVisitPage = await firstVisit.newPage();
    for (const path of ["/", "/sign-in"]) {
      await firstVisitPage.goto(path);
      await expect(firstVisitPage.getByRole("button", { name: "Reject all" })).toBeVisible();
      await expectNoOverflow(firstVisitPage, path, size.width);
    }
    await firstVisit.close();

    const member = await contextAt(browser, size, signedIn);
    const memberPage = await member.newPage();
    for (const path of appPages) await expectNoOverflow(memberPage, path, size.width);
    await member.close();
  }
});

test("the site header fits a phone and its menu reaches every page", async ({ browser }) => {
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await phone.newPage();
  await page.goto("/");
  const header = page.getByRole("banner");
  await expect(header.getByRole("link", { name: "Start free" })).toBeInViewport({ ratio: 1 });
  await expect(header.getByRole("link", { name: "Pricing" })).toBeHidden();
  await header.locator("summary").click();
  await header.getByRole("link", { name: "Pricing" }).click();
  await expect(page).toHaveURL(/\/pricing$/);
  // The menu closes after navigating.
  await expect(header.getByRole("link", { name: "Help" })).toBeHidden();
  // The comparison reads top to bottom on a phone: no table to scroll sideways.
  await expect(page.getByRole("table")).toBeHidden();
  await expect(page.locator("dt", { hasText: "Outgoing webhook endpoints" })).toBeVisible();
  await phone.close();
});
