import type { Page } from "@playwright/test";
import { expect, openLatestEmail, personAt, test } from "./support";

// Merging a duplicate: the team finds the problem to keep by searching the board as they type
// (or, without JavaScript, with a search form), sees what the merge moves, merges, and the
// duplicate's author gets an email saying where it went.

const letters = () =>
  Array.from({ length: 7 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join(
    "",
  );

async function postProblem(page: Page, title: string) {
  await page.goto("/b/acme/feedback");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Details").fill("It happens every time, on every browser.");
  await page.getByRole("button", { name: "Post problem" }).click();
  // A published post opens its own page (wait for it: navigating away would cancel the post).
  await expect(page).toHaveURL(/\/p\/prb_/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return page.url();
}

test("merge a duplicate by searching for the problem to keep, with a preview and an email", async ({
  browser,
}) => {
  const word = letters();
  const keptTitle = `Exporting ${word} invoices times out`;
  const dupTitle = `Invoice ${word} export never finishes`;
  const customer = await personAt(browser, "customer@demo.problemboard.dev");
  const keptUrl = await postProblem(customer.page, keptTitle);
  const dupUrl = await postProblem(customer.page, dupTitle);
  await customer.page.getByRole("button", { name: "Upvote: 0 votes" }).click();
  await expect(customer.page.getByRole("button", { name: "Upvote: 1 vote" })).toBeVisible();

  const member = await personAt(browser, "member@demo.problemboard.dev");
  const { page } = member;
  await page.goto(dupUrl);
  const team = page.getByRole("region", { name: "Team actions" });
  // Search as you type: a typo in the word still finds it, and the duplicate itself isn't offered.
  await team.getByLabel("Find the problem to keep").pressSequentially(`invoices ${word}`);
  const matches = team.getByRole("list", { name: "Problems to merge into" });
  await expect(matches.getByRole("link", { name: new RegExp(keptTitle) })).toBeVisible();
  await expect(matches.getByRole("link", { name: new RegExp(dupTitle) })).toHaveCount(0);
  await matches.getByRole("link", { name: new RegExp(keptTitle) }).click();

  // The preview says what moves before anything changes.
  const preview = team.getByRole("region", { name: `Merge into “${keptTitle}”?` });
  await expect(preview).toBeVisible();
  const effects = preview.getByRole("list", { name: "What the merge does" });
  await expect(effects).toContainText("1 vote moves over; it will have 1 vote.");
  // The author follows both problems already, so nobody new follows the kept one.
  await expect(effects).toContainText("0 followers move over");
  await expect(effects).toContainText("This problem has no comments.");
  await expect(effects).toContainText("1 person (its author or a follower) gets an email");
  await preview.getByRole("button", { name: `Merge into “${keptTitle}”` }).click();

  await expect(page.getByText("Merged as a duplicate").first()).toBeVisible();
  await expect(page.getByRole("link", { name: keptTitle })).toHaveAttribute(
    "href",
    new URL(keptUrl).pathname,
  );
  await page.goto(keptUrl);
  await expect(page.getByRole("button", { name: "Upvote: 1 vote" })).toBeVisible();
  await member.close();

  // The author hears where it went.
  const text = await openLatestEmail(
    customer.page,
    "customer@demo.problemboard.dev",
    `Merged into: ${keptTitle}`,
  );
  expect(text).toContain(
    `The problem you posted on Product feedback describes the same problem as “${keptTitle}”`,
  );
  expect(text).toContain(new URL(keptUrl).pathname);
  await customer.close();
});

test("without JavaScript the merge picker is a search form that lists matches", async ({
  browser,
  baseURL,
}, testInfo) => {
  const word = letters();
  const keptTitle = `Calendar ${word} sync drops events`;
  const customer = await personAt(browser, "customer@demo.problemboard.dev");
  await postProblem(customer.page, keptTitle);
  const dupUrl = await postProblem(customer.page, `Events ${word} missing after calendar sync`);
  await customer.close();
  const member = await personAt(browser, "member@demo.problemboard.dev");
  const storageState = await member.page.context().storageState();
  await member.close();

  // A browser of its own: the accessibility fixture runs axe as a script, which a page without
  // JavaScript can't run (the same page is checked with JavaScript above).
  const own = await browser.browserType().launch(testInfo.project.use.launchOptions);
  const context = await own.newContext({ javaScriptEnabled: false, baseURL, storageState });
  const page = await context.newPage();
  await page.goto(dupUrl);
  await page.getByLabel("Find the problem to keep").fill(`calender ${word}`);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/mergeq=/);
  await page
    .getByRole("list", { name: "Problems to merge into" })
    .getByRole("link", { name: new RegExp(keptTitle) })
    .click();
  await expect(page.getByRole("button", { name: `Merge into “${keptTitle}”` })).toBeVisible();
  await page.getByRole("button", { name: `Merge into “${keptTitle}”` }).click();
  await expect(page.getByText("Merged as a duplicate").first()).toBeVisible();
  await context.close();
  await own.close();
});
