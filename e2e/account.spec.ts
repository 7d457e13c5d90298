import { expect, newVisitor, openLatestEmail, signIn, signUpAndVerify, test } from "./support";

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
  // This browser's address (198.20.x.x, see newVisitor) is public: shown with no invented place.
  await expect(
    sessions.getByText(/Location not looked up \(198\.20\.\d+\.\d+\) · signed in/).first(),
  ).toBeVisible();

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

test("account: change email with a link to the new address and a notice to the old one", async ({
  browser,
}) => {
  const { context, page } = await newVisitor(browser);
  const stamp = Date.now().toString(36);
  const email = `mover-${stamp}@example.com`;
  const newEmail = `moved-${stamp}@example.com`;
  const password = "a-long-and-unusual-passphrase";
  await signUpAndVerify(page, `Max ${stamp}`, email, password);

  await page.goto("/account");
  const field = page.getByLabel("New email address");
  await field.fill("not an address");
  await page.getByRole("button", { name: "Change email" }).click();
  await expect(page.getByText("Enter an email address like name@example.com.")).toBeVisible();
  await field.fill(newEmail);
  await page.getByRole("button", { name: "Change email" }).click();
  await expect(page.getByText(`Check ${newEmail} for a link to confirm it.`)).toBeVisible();

  // Nothing changed yet; the old address heard about it.
  const notice = await openLatestEmail(page, email, "Your Problemboard email is about to change");
  expect(notice).toContain(`change its email address to ${newEmail}`);
  const text = await openLatestEmail(page, newEmail, "Confirm your new email for Problemboard");
  const link = text.match(/https?:\/\/\S+\/api\/auth\/verify-email\S+/)?.[0];
  expect(link, "confirmation link").toBeTruthy();
  await page.goto(link!);
  await expect(page).toHaveURL(/\/account\?email=changed/);
  await expect(page.getByText(`Your email address is now ${newEmail}.`)).toBeVisible();

  const { context: fresh, page: freshPage } = await newVisitor(browser);
  await signIn(freshPage, newEmail, password);
  await fresh.close();
  await context.close();
});
