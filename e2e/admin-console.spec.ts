// The operator console in a browser: the wall (a non-admin gets the site's 404), customer lookup
// by Stripe customer id, impersonation with its banner and "Stop impersonating", and a ban that
// signs the user out on their next request.
import { expect, personAt, signIn, signUpAndVerify, newVisitor, test } from "./support";

const OPERATOR = "operator@demo.problemboard.dev";

test("a non-admin gets the site's 404 at /admin", async ({ browser }) => {
  const member = await personAt(browser, "member@demo.problemboard.dev");
  try {
    const response = await member.page.goto("/admin");
    expect(response?.status()).toBe(404);
    await expect(
      member.page.getByRole("heading", { name: "We couldn't find that page" }),
    ).toBeVisible();
    const users = await member.page.goto("/admin/users");
    expect(users?.status()).toBe(404);
  } finally {
    await member.close();
  }
});

test("the operator finds a customer by Stripe customer id with the lookup box", async ({
  page,
}) => {
  await signIn(page, OPERATOR, undefined, "/admin");
  await expect(page).toHaveURL(/\/admin$/);
  const box = page.getByRole("searchbox", { name: /Customer lookup/ });
  // The demo workspace's customer id, as the console shows it for its owner's workspace.
  await box.fill("owner@demo.problemboard.dev");
  await box.press("Enter");
  // A user's workspaces link to the workspace's console page, which shows its Stripe customer.
  await page.getByRole("link", { name: "Acme Inc" }).click();
  await expect(page.getByRole("heading", { name: "Acme Inc", level: 1 })).toBeVisible();
  const customerLink = page.locator("dd").filter({ hasText: /^cus_/ }).first();
  const customerId = (await customerLink.innerText()).split(/\s/)[0]!;
  expect(customerId).toMatch(/^cus_\w+$/);

  await page.goto("/admin");
  await page.keyboard.press("/");
  await expect(box).toBeFocused();
  await page.keyboard.type(customerId);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/admin/lookup\\?q=${customerId}`));
  await expect(page.getByRole("heading", { name: "Acme Inc", level: 2 })).toBeVisible();
  await expect(page.getByText("Olivia Owner").first()).toBeVisible();
});

test("the operator impersonates a customer and stops", async ({ page }) => {
  await signIn(page, OPERATOR, undefined, "/admin");
  await page.goto("/admin/users?q=customer%40demo.problemboard.dev");
  await page.getByRole("link", { name: "Casey Customer" }).click();
  await expect(page.getByRole("heading", { name: "Casey Customer", level: 1 })).toBeVisible();
  const userPage = page.url();

  const form = page
    .locator("form")
    .filter({ has: page.getByRole("button", { name: "Impersonate", exact: true }) });
  // A reason is required.
  await form.getByRole("button", { name: "Impersonate", exact: true }).click();
  await expect(form.getByText(/Give a reason/).first()).toBeVisible();
  await form.getByLabel("Reason (kept in the audit trail)").fill("Ticket 4711: empty board");
  await form.getByRole("button", { name: "Impersonate", exact: true }).click();

  const banner = page.getByRole("complementary", { name: "Impersonation" });
  await expect(banner).toContainText("You are impersonating Casey Customer");
  await expect(page).not.toHaveURL(/\/admin/);

  // The console is closed while impersonating.
  const admin = await page.goto("/admin");
  expect(admin?.status()).toBe(404);
  await expect(banner).toBeVisible();

  await banner.getByRole("button", { name: "Stop impersonating" }).click();
  await expect(page).toHaveURL(userPage);
  await expect(banner).toHaveCount(0);
  // The audit trail on the user's page shows the impersonation with the admin and the reason.
  await expect(
    page.getByRole("cell", { name: "admin.impersonation_started" }).first(),
  ).toBeVisible();
  await expect(page.getByRole("cell", { name: "Ticket 4711: empty board" }).first()).toBeVisible();
});

test("a banned user's next request is signed out", async ({ browser, page }) => {
  const email = `banned-${Date.now()}@example.com`;
  const visitor = await newVisitor(browser);
  try {
    await signUpAndVerify(visitor.page, "Bea Banned", email, "a-long-enough-passphrase-77");
    await expect(visitor.page).toHaveURL(/\/w\//);

    await signIn(page, OPERATOR, undefined, "/admin");
    await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
    await page.getByRole("link", { name: "Bea Banned" }).click();
    await page
      .getByLabel("Reason (kept in the audit trail)")
      .first()
      .fill("Spam from this account");
    await page.getByRole("button", { name: "Ban user" }).click();
    await expect(page.getByText("Banned. Their sessions have ended.")).toBeVisible();

    await visitor.page.reload();
    await expect(visitor.page).toHaveURL(/\/sign-in/);
  } finally {
    await visitor.context.close();
  }
});

test("the operator approves a held post from the cross-tenant moderation queue", async ({
  browser,
  page,
}) => {
  const run = Date.now().toString(36);
  const title = `Held for the console ${run}`;
  const author = await newVisitor(browser);
  try {
    await signUpAndVerify(
      author.page,
      `Nia New ${run}`,
      `new-${run}@example.com`,
      "new-posts-2026",
    );
    await author.page.goto("/b/acme/feedback");
    await author.page.getByLabel("Title").fill(title);
    await author.page.getByLabel("Details").fill("A first post from a new author.");
    await author.page.getByRole("button", { name: "Post problem" }).click();
    await expect(author.page.getByText(/will appear once a moderator approves it/)).toBeVisible();
  } finally {
    await author.context.close();
  }

  await signIn(page, OPERATOR, undefined, "/admin");
  await page
    .getByRole("navigation", { name: "Admin sections" })
    .getByRole("link", { name: "Moderation" })
    .click();
  await expect(page.getByRole("heading", { name: "Moderation", level: 1 })).toBeVisible();
  const item = page.getByRole("article", { name: `Problem: ${title}` });
  await expect(item).toContainText("Acme Inc");
  await expect(item).toContainText("First post from this author");

  // Usable on a phone too (the accessibility watch checks this width as well).
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(item).toBeVisible();

  await item.getByLabel("Approve (publish)").check();
  await item.getByLabel("Reason (kept in the audit trail)").first().fill("Legitimate request");
  await item.getByRole("button", { name: "Decide" }).click();
  await expect(page.getByRole("article", { name: `Problem: ${title}` })).toHaveCount(0);

  // Published on the board for everyone.
  await page.goto("/b/acme/feedback");
  await expect(page.getByText(title)).toBeVisible();
});
