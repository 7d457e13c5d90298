import { expect, newVisitor, openLatestEmail, test } from "./support";

// Sign-in has one email field and two ways to continue: the password, or a link by email.

test("one email field: a sign-in link from the address typed there signs in", async ({
  browser,
}) => {
  const { context, page } = await newVisitor(browser);
  await page.goto("/sign-in");
  await expect(page.getByRole("textbox", { name: /email/i })).toHaveCount(1);

  // The password is not needed for a link; without one, "Sign in" says so on its field.
  await page.getByLabel("Email", { exact: true }).fill("customer@demo.problemboard.dev");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Enter your password.")).toBeVisible();

  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(
    page.getByText(
      "If customer@demo.problemboard.dev has an account, a sign-in link is on its way.",
    ),
  ).toBeVisible();
  await expect(page.getByText("Enter your password.")).toHaveCount(0);

  const mail = await openLatestEmail(
    page,
    "customer@demo.problemboard.dev",
    "Your Problemboard sign-in link",
  );
  await page.goto(mail.match(/https?:\/\/\S+\/api\/auth\/magic-link\/verify\S+/)![0]);
  await expect(page).not.toHaveURL(/\/sign-in/);
  await page.goto("/account");
  await expect(page.getByText("Signed in as customer@demo.problemboard.dev.")).toBeVisible();
  await context.close();
});
