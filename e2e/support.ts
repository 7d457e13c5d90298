import { expect, type Browser, type Page } from "@playwright/test";

export { expect };

export const DEMO_PASSWORD = "demo-password-2026";

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
 * A separate signed-in browser, as a second person would be: its own cookies and its own client
 * address (as a proxy in front of the app would report it), so the per-address sign-in limit
 * counts each person separately.
 */
export async function personAt(browser: Browser, email: string) {
  clients += 1;
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": `198.19.${run}.${clients % 250}` },
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

// Specs import `test` and `expect` from here, so a fixture added for every spec reaches them all.
export { test } from "@playwright/test";

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
