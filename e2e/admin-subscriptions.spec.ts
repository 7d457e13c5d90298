import { expect, personAt, test } from "./support";

// The console's Workspaces & subscriptions section against the Stripe emulator the launcher runs:
// the operator finds the demo workspace (a Team trial) by its Stripe customer id, extends its
// trial, sees the action pending until the webhook has been processed and the new trial end
// after; on a phone-sized screen too. A workspace owner gets the site's 404.

/** A day N days after the given one, as the date field takes it (YYYY-MM-DD, UTC). */
const dayAfter = (iso: string, days: number) =>
  new Date(Date.parse(iso) + days * 24 * 60 * 60_000).toISOString().slice(0, 10);

test("the operator finds a workspace by its Stripe customer and extends its trial", async ({
  browser,
}) => {
  const operator = await personAt(browser, "operator@demo.problemboard.dev");
  const page = operator.page;
  await page.goto("/admin/workspaces?q=acme");
  const row = page.getByRole("row", { name: /Acme Inc/ });
  await expect(row).toContainText("Trialing");
  const customerId = (await row.getByRole("link", { name: /^cus_/ }).innerText()).split(/\s/)[0]!;
  await expect(row.getByRole("link", { name: /^cus_/ })).toHaveAttribute(
    "href",
    new RegExp(`^https://dashboard\\.stripe\\.com/test/customers/${customerId}$`),
  );

  // The lookup box takes the Stripe customer id, from any console page.
  await page.keyboard.press("/");
  await page.keyboard.type(customerId);
  await page.keyboard.press("Enter");
  await page.getByRole("link", { name: /Subscription actions/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Acme Inc" })).toBeVisible();

  const trialEnd = await page
    .locator("dt:has-text('Trial ends') + dd time")
    .getAttribute("datetime");
  const target = dayAfter(trialEnd!, 10);
  const form = page.locator("form").filter({ has: page.getByLabel("New last day of the trial") });
  await form.getByLabel("New last day of the trial").fill(target);
  await form.getByLabel("Reason (kept in the audit trail)").fill("Evaluation needs two more weeks");
  await form.getByRole("button", { name: "Extend trial" }).click();
  await expect(form.getByText(/Sent to Stripe/)).toBeVisible();

  // Pending until the webhook has been processed, then the new trial end.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("row", { name: /Extend trial/ })).toContainText("Applied");
    await expect(page.locator("dt:has-text('Trial ends') + dd")).toContainText(target);
  }).toPass({ timeout: 30_000 });

  // A past day is refused next to the field.
  await form.getByLabel("New last day of the trial").fill(dayAfter(new Date().toISOString(), -1));
  await form.getByLabel("Reason (kept in the audit trail)").fill("Trying a day in the past");
  await form.getByRole("button", { name: "Extend trial" }).click();
  await expect(form.getByText(/can't end in the past/).first()).toBeVisible();

  // Usable on a phone: the tables scroll sideways instead of widening the page.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/admin/workspaces");
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await operator.close();
});

test("a workspace owner gets the site's 404 on the workspaces console", async ({ browser }) => {
  const owner = await personAt(browser, "owner@demo.problemboard.dev");
  const response = await owner.page.goto("/admin/workspaces");
  expect(response?.status()).toBe(404);
  await owner.close();
});
