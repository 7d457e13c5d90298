import { expect, test } from "./support";

// The board's sort, status filter and search apply as they change, keep the address shareable,
// and still work as a plain form without JavaScript.

test("filters apply as they change, and the address follows", async ({ page }) => {
  await page.goto("/b/acme/feedback");
  const filters = page.getByRole("search", { name: "Filter problems" });
  await expect(filters.getByRole("button", { name: "Apply" })).toHaveCount(0);

  await filters.getByLabel("Status").selectOption("all");
  await expect(page).toHaveURL(/\/b\/acme\/feedback\?status=all$/);
  await filters.getByLabel("Sort").selectOption("new");
  await expect(page).toHaveURL(/\/b\/acme\/feedback\?sort=new&status=all$/);

  await filters.getByLabel("Search").fill("zzzz-nothing-matches");
  await expect(page).toHaveURL(/q=zzzz-nothing-matches/);
  await expect(page.getByText(/Nothing matches/)).toBeVisible();

  // The address is shareable: opening it shows the same choices.
  await page.goto(page.url());
  await expect(filters.getByLabel("Status")).toHaveValue("all");
  await expect(filters.getByLabel("Sort")).toHaveValue("new");
  await expect(filters.getByLabel("Search")).toHaveValue("zzzz-nothing-matches");
});

test("without JavaScript the filters are a form with an Apply button", async ({
  browser,
  baseURL,
}, testInfo) => {
  // A browser of its own: the accessibility fixture runs axe as a script in every page of the
  // shared browser, which a page without JavaScript can't do (the same page is checked with
  // JavaScript by the other specs).
  const own = await browser.browserType().launch(testInfo.project.use.launchOptions);
  const context = await own.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await page.goto("/b/acme/feedback");
  const filters = page.getByRole("search", { name: "Filter problems" });
  await filters.getByLabel("Status").selectOption("all");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/status=all/);
  await context.close();
  await own.close();
});
