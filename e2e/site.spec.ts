import { expect, newVisitor, signUpAndVerify, test } from "./support";

// What a first visit trips over outside the product: a 404 without a way back, a cookie banner
// over the sign-in form, no favicon, no robots.txt or sitemap, a random-looking first address.

test("smooth scrolling is declared to Next.js, so route changes don't warn in development", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("data-scroll-behavior", "smooth");
});

test("an unknown address answers 404 with the site header", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We couldn't find that page" })).toBeVisible();
  const header = page.getByRole("banner");
  await expect(header.getByRole("link", { name: "Problemboard" })).toHaveAttribute("href", "/");
  await expect(header.getByRole("link", { name: "Pricing" })).toBeVisible();
  await expect(header.getByRole("link", { name: "Start free" })).toBeVisible();
});

test("the cookie banner leaves the sign-in form uncovered at 1280×800", async ({ browser }) => {
  // A first visit: no answer to the banner yet.
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    storageState: { cookies: [], origins: [] },
  });
  const page = await context.newPage();
  await page.goto("/sign-in");
  const banner = page.getByRole("region", { name: "Cookies on Problemboard" });
  await expect(banner).toBeVisible();
  const bannerTop = (await banner.boundingBox())!.y;
  const form = (await page.getByRole("main").boundingBox())!;
  expect(form.y + form.height, "bottom of the sign-in card").toBeLessThanOrEqual(bannerTop);
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeInViewport({
    ratio: 1,
  });
  await context.close();
});

test("the site has a favicon, robots.txt and a sitemap with the public boards", async ({
  page,
  request,
}) => {
  await page.goto("/");
  const icon = page.locator('link[rel="icon"]').first();
  await expect(icon).toHaveAttribute("href", /.+/);
  const iconResponse = await request.get((await icon.getAttribute("href"))!);
  expect(iconResponse.status()).toBe(200);
  expect(iconResponse.headers()["content-type"]).toMatch(/^image\//);
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toMatch(/^image\//);

  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  const robotsText = await robots.text();
  expect(robotsText).toMatch(/Disallow: \/w\//);
  expect(robotsText).toMatch(/Sitemap: https?:\/\/\S+\/sitemap\.xml/);

  const sitemap = await request.get("/sitemap.xml");
  expect(sitemap.status()).toBe(200);
  const xml = await sitemap.text();
  // The demo's public board and every help article.
  expect(xml).toMatch(/<loc>https?:\/\/[^<]+\/b\/acme\/feedback<\/loc>/);
  expect(xml).toMatch(/<loc>https?:\/\/[^<]+\/help\/getting-started<\/loc>/);
  expect(xml).not.toMatch(/\/w\//);
});

test("a new account's workspace address reads like the person's name", async ({ browser }) => {
  const { context, page } = await newVisitor(browser);
  const stamp = Date.now().toString(36);
  await signUpAndVerify(
    page,
    `Newbie ${stamp}`,
    `newbie${stamp}-x@example.com`,
    "a-long-and-unusual-passphrase",
  );
  await expect(page).toHaveURL(new RegExp(`/w/newbie-${stamp}$`));
  await context.close();
});
