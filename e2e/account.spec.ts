import { expect, newVisitor, signIn, signUpAndVerify, test } from "./support";

// The account page: aligned with the header; sessions in words with "this device" and a way to
// sign out the others; the name and the password can be changed.

test("account: readable sessions, sign out others, change name and password", async ({
  browser,
}) => {
  const { context, page } = await newVisitor(browser);
  const stamp = Date.now().toString(36);
  const email = `acct-${stamp}@example.com`;
  const password = "a-long-and-unusual-passphrase";
  await signUpAndVerify(page, `Rita ${stamp}`, email, password);

  // A second device.
  const { context: other, page: otherPage } = await newVisitor(browser);
  await signIn(otherPage, email, password);

  await page.goto("/account");
  const heading = page.getByRole("heading", { name: "Account and security", level: 1 });
  const wordmark = page.getByRole("banner").getByRole("link", { name: "Problemboard" });
  const [h1Box, markBox] = [await heading.boundingBox(), await wordmark.boundingBox()];
  expect(Math.abs(h1Box!.x - markBox!.x), "left edges of the title and the header").toBeLessThan(2);

  const sessions = page.getByRole("list").filter({ hasText: "signed in" });
  await expect(sessions.getByRole("listitem")).toHaveCount(2);
  await expect(sessions.getByText(/Chrome.* on (Windows|Linux|macOS)/).first()).toBeVisible();
  await expect(sessions.getByText("This device")).toHaveCount(1);
  await expect(sessions.getByText(/Mozilla\//)).toHaveCount(0);

  await page.getByRole("button", { name: "Sign out other devices" }).click();
  await expect(page.getByText("Your other devices are signed out.")).toBeVisible();
  await expect(sessions.getByRole("listitem")).toHaveCount(1);
  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/sign-in/);
  await other.close();

  await page.getByLabel("Name", { exact: true }).fill(`Rita Renamed ${stamp}`);
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Your name is saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(`Rita Renamed ${stamp}`);

  await page.getByLabel("Current password").fill("not-my-password-at-all");
  await page.getByLabel("New password").fill("an-even-longer-passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That's not your current password.")).toBeVisible();
  await page.getByLabel("Current password").fill(password);
  await page.getByLabel("New password").fill("an-even-longer-passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed.")).toBeVisible();

  const { context: fresh, page: freshPage } = await newVisitor(browser);
  await signIn(freshPage, email, "an-even-longer-passphrase");
  await fresh.close();
  await context.close();
});
