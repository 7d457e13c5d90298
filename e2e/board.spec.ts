import { expect, openLatestEmail, personAt, signUpAndVerify, test } from "./support";

// The product core end to end: a customer's first post is held, a member approves it, others
// vote and comment, the team moves it along, and the author hears about it by email.

test("a held first post goes through moderation, gets votes and comments, and its author is emailed on a status change", async ({
  page,
  browser,
}) => {
  const email = `visitor-${Date.now()}@example.com`;
  const title = `Checkout button does nothing ${Date.now()}`;
  await signUpAndVerify(page, "Vera Visitor", email, "a-long-and-unusual-passphrase");

  // The demo board holds first posts from new authors.
  await page.goto("/b/acme/feedback");
  await expect(page.getByRole("heading", { name: "Product feedback" })).toBeVisible();
  await page.getByLabel("Title").fill("Bug");
  await page.getByLabel("Details").fill("Clicking it does nothing.");
  await page.getByRole("button", { name: "Post problem" }).click();
  await expect(page.getByText("Use at least 5 characters.")).toBeVisible();
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Post problem" }).click();
  await expect(page.getByText(/will appear once a moderator approves it/)).toBeVisible();

  // Not public yet.
  const anonymous = await browser.newContext();
  const visitorView = await anonymous.newPage();
  // Signed-out visitors get the cached board page; it must not show the held post.
  const cachedView = await visitorView.goto("/b/acme/feedback");
  expect(cachedView?.headers()["x-nextjs-cache"]).toBeDefined();
  await expect(visitorView.getByRole("link", { name: title })).toHaveCount(0);

  // A member approves it from the moderation queue.
  const member = await personAt(browser, "member@demo.problemboard.dev");
  await member.page.goto("/w/acme/moderation");
  await member.page.getByRole("button", { name: new RegExp(`Approve .*${title}`) }).click();
  await expect(
    member.page.getByRole("button", { name: new RegExp(`Approve .*${title}`) }),
  ).toHaveCount(0);

  // Now everyone sees it, on the cached page too (the approval revalidated it).
  await visitorView.goto("/b/acme/feedback");
  await expect(visitorView.getByRole("link", { name: title })).toBeVisible();
  await visitorView.goto("/b/acme/feedback?sort=new");
  await visitorView.getByRole("link", { name: title }).click();
  await expect(visitorView).toHaveURL(/\/b\/acme\/feedback\/p\/prb_/);
  await expect(visitorView.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  const problemUrl = visitorView.url();
  await anonymous.close();

  // Another customer votes (optimistically) and comments.
  const customer = await personAt(browser, "customer@demo.problemboard.dev");
  await customer.page.goto(problemUrl);
  await customer.page.getByRole("button", { name: "Upvote: 0 votes" }).click();
  await expect(customer.page.getByRole("button", { name: "Upvote: 1 vote" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await customer.page.getByLabel("Add a comment").fill("Same on Safari 18.");
  await customer.page.getByRole("button", { name: "Post comment" }).click();
  await expect(
    customer.page.getByRole("paragraph").filter({ hasText: "Same on Safari 18." }),
  ).toBeVisible();
  await customer.page.reload();
  await expect(customer.page.getByRole("button", { name: "Upvote: 1 vote" })).toBeVisible();
  await customer.close();

  // The team plans it, with a public note.
  await member.page.goto(problemUrl);
  await member.page.getByLabel("Status").selectOption("planned");
  await member.page.getByLabel("Public note (optional)").fill("Fix ships next week.");
  await member.page.getByRole("button", { name: "Change status" }).click();
  await expect(member.page.getByText("Fix ships next week.").first()).toBeVisible();
  await member.close();

  // The author follows their own problem and gets the email.
  const text = await openLatestEmail(page, email, `Planned: ${title}`);
  expect(text).toContain("Fix ships next week.");
  expect(text).toContain(problemUrl.replace(/^http:\/\/[^/]+/, ""));
});

test("private boards and unknown problems are 404 to visitors", async ({ page }) => {
  expect((await page.goto("/b/acme/nope"))?.status()).toBe(404);
  expect((await page.goto("/b/acme/feedback/p/prb_doesnotexist"))?.status()).toBe(404);
  const list = await page.goto("/b/acme/feedback?status=weird");
  expect(list?.status()).toBe(200);
});

test("a renamed or deleted board's old address stops showing it to signed-out visitors", async ({
  page,
  browser,
}) => {
  const run = Date.now().toString(36);
  await signUpAndVerify(page, "Rhea Renamer", `renamer-${run}@example.com`, "renaming-boards-2026");
  await page.goto("/app");
  await expect(page).toHaveURL(/\/w\/[^/]+$/);
  const workspace = new URL(page.url()).pathname.split("/")[2]!;

  await page.goto(`/w/${workspace}/boards/new`);
  await page.getByLabel("Board name").fill(`Ideas ${run}`);
  await page.getByLabel("Address (optional)").fill(`ideas-${run}`);
  await page.getByRole("button", { name: "Create board" }).click();
  await expect(page).toHaveURL(new RegExp(`/b/${workspace}/ideas-${run}$`));

  // A visitor's plain visit is the cached rendering (rendered once, then served from the cache).
  const visitor = await browser.newContext();
  const visit = async (slug: string) =>
    (await (await visitor.newPage()).goto(`/b/${workspace}/${slug}`))?.status();
  expect(await visit(`ideas-${run}`)).toBe(200);
  expect(await visit(`ideas-${run}`)).toBe(200);

  await page.goto(`/w/${workspace}/boards`);
  await page.getByRole("link", { name: `Settings for Ideas ${run}` }).click();
  await page.getByLabel("Address", { exact: true }).fill(`requests-${run}`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Board settings saved.")).toBeVisible();

  expect(await visit(`ideas-${run}`)).toBe(404);
  expect(await visit(`requests-${run}`)).toBe(200);

  await page.getByLabel(`Type requests-${run} to confirm`).fill(`requests-${run}`);
  await page.getByRole("button", { name: "Delete board and its problems" }).click();
  await expect(page).not.toHaveURL(/\/settings$/);
  expect(await visit(`requests-${run}`)).toBe(404);
  await visitor.close();
});
