import { expect, newVisitor, signUpAndVerify, test } from "./support";

// A plan's limit shows before anyone fills a form the plan would refuse, with the way to upgrade.

test("Free's board limit shows before the Create a board form, and the form goes at the limit", async ({
  browser,
}) => {
  const { context, page } = await newVisitor(browser);
  const stamp = Date.now().toString(36);
  await signUpAndVerify(page, `Lena ${stamp}`, `lena-${stamp}@example.com`, "a-long-passphrase-1");
  const workspace = new URL(page.url()).pathname.split("/")[2]!;

  await page.goto(`/w/${workspace}/boards/new`);
  await expect(page.getByText("0 of 1 board used on the Free plan.")).toBeVisible();
  await page.getByLabel("Board name").fill("Feedback");
  await page.getByRole("button", { name: "Create board" }).click();
  await expect(page).toHaveURL(/\/b\//);

  await page.goto(`/w/${workspace}/boards/new`);
  await expect(page.getByText("You're using all 1 board of the Free plan.")).toBeVisible();
  await expect(page.getByLabel("Board name")).toHaveCount(0);
  await page.getByRole("link", { name: "Upgrade" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${workspace}/billing$`));

  await page.goto(`/w/${workspace}/boards`);
  await expect(page.getByRole("link", { name: "New board" })).toHaveCount(0);
  await expect(page.getByText("You're using all 1 board of the Free plan.")).toBeVisible();
  await context.close();
});
