import { expect, personAt, test } from "./support";

// One source of truth on a problem page: the follow button and the messages agree after any mix
// of following and commenting, and a message shows under the form that sent it only.

test("follow state and messages agree after unfollow, comment and reply", async ({ browser }) => {
  const customer = await personAt(browser, "customer@demo.problemboard.dev");
  const { page } = customer;
  await page.goto("/b/acme/feedback?sort=new");
  await page.getByRole("list").getByRole("heading").first().getByRole("link").click();
  await expect(page).toHaveURL(/\/p\/prb_/);

  if (await page.getByRole("button", { name: "Follow", exact: true }).isVisible()) {
    await page.getByRole("button", { name: "Follow", exact: true }).click();
  }
  await page.getByRole("button", { name: "Unfollow", exact: true }).click();
  await expect(page.getByText("Unfollowed.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Follow", exact: true })).toBeVisible();

  // Commenting follows the problem again: the button says so and "Unfollowed." is gone.
  const comment = `Same here ${Date.now()}`;
  await page.getByLabel("Add a comment").fill(comment);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByRole("paragraph").filter({ hasText: comment })).toBeVisible();
  await expect(page.getByRole("button", { name: "Unfollow", exact: true })).toBeVisible();
  await expect(page.getByText("Unfollowed.")).toBeHidden();
  await expect(page.getByText("Comment posted.")).toHaveCount(1);

  // A reply: its confirmation shows under the reply form only.
  await page.getByText("Reply", { exact: true }).first().click();
  await page
    .getByLabel(/^Reply to/)
    .first()
    .fill(`A reply ${Date.now()}`);
  await page.getByRole("button", { name: "Post reply" }).first().click();
  await expect(page.getByText("Comment posted.")).toHaveCount(1);
  const replyForm = page
    .locator("form")
    .filter({ has: page.getByLabel(/^Reply to/) })
    .first();
  await expect(replyForm.getByText("Comment posted.")).toBeVisible();
  await customer.close();
});
