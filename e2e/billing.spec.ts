import type { Page } from "@playwright/test";
import { expect, openLatestEmail, signUpAndVerify, test } from "./support";

// Billing end to end against the local Stripe emulator the launcher runs (scripts/run.ts): a Free
// workspace hits its board limit, upgrades through hosted Checkout, the webhook and the job worker
// converge the plan, the portal cancels it; and a failed renewal puts a workspace past due.

const PASSWORD = "a-long-and-unusual-passphrase";
const DAY_SECONDS = 24 * 60 * 60;

/** The workspace slug of the page the browser is on (/w/{slug}/…). */
function slugOf(page: Page): string {
  const slug = new URL(page.url()).pathname.split("/")[2];
  expect(slug, "workspace slug in the URL").toBeTruthy();
  return slug!;
}

async function createBoard(page: Page, slug: string, name: string) {
  await page.goto(`/w/${slug}/boards/new`);
  await page.getByLabel("Board name").fill(name);
  await page.getByRole("button", { name: "Create board" }).click();
}

/** From the billing page: choose Pro monthly and pay on the emulator's hosted checkout page. */
async function buyProMonthly(page: Page, slug: string) {
  await page.getByRole("radio", { name: "Pro", exact: true }).check();
  await page.getByRole("radio", { name: "Monthly", exact: true }).check();
  await page.getByRole("button", { name: "Continue to checkout" }).click();
  await expect(page).toHaveURL(/\/checkout\/cs_[a-z0-9]+/i);
  const checkout = new URL(page.url());
  const sessionId = checkout.pathname.split("/").pop()!;
  await expect(page.getByRole("button", { name: "Use a declined card" })).toBeVisible();
  await page.getByRole("button", { name: "Pay", exact: true }).click();

  await expect(page).toHaveURL(new RegExp(`/w/${slug}/billing/success\\?session_id=cs_`));
  // The webhook reaches the app, the job worker converges the customer, the page notices.
  await expect(page.getByRole("heading", { name: "You're on Pro" })).toBeVisible({
    timeout: 30_000,
  });
  return { emulator: checkout.origin, sessionId };
}

/** Reload until the page shows what the webhook pipeline converges a moment later. */
async function eventually(page: Page, path: string, check: () => Promise<void>) {
  await expect(async () => {
    await page.goto(path);
    await check();
  }).toPass({ timeout: 30_000 });
}

test("a Free workspace at its board limit upgrades to Pro through Checkout and cancels in the portal", async ({
  page,
}) => {
  const email = `founder-${Date.now()}@example.com`;
  await signUpAndVerify(page, "Fran Founder", email, PASSWORD);
  const slug = slugOf(page);

  // Free includes one board.
  await createBoard(page, slug, "Roadmap");
  await expect(page).toHaveURL(new RegExp(`/b/${slug}/roadmap$`));
  // At the limit the form is not offered: the limit and the way to upgrade are.
  await page.goto(`/w/${slug}/boards/new`);
  await expect(page.getByText("You're using all 1 board of the Free plan.")).toBeVisible();
  await expect(page.getByLabel("Board name")).toHaveCount(0);
  await page.getByRole("link", { name: "Upgrade", exact: true }).click();

  await expect(page).toHaveURL(new RegExp(`/w/${slug}/billing$`));
  await expect(page.getByRole("heading", { name: "Billing", level: 1 })).toBeVisible();
  await expect(page.getByTestId("current-plan")).toHaveText("Free");
  await expect(page.getByRole("progressbar", { name: "Boards" })).toHaveAttribute(
    "aria-valuetext",
    "1 of 1, limit reached",
  );

  await buyProMonthly(page, slug);
  await page.getByRole("link", { name: "Back to billing" }).click();
  await expect(page.getByTestId("current-plan")).toHaveText("Pro");
  await expect(page.getByText(/^Trial ends on .+; billing starts then\.$/)).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Boards" })).toHaveAttribute(
    "aria-valuetext",
    "1 of 5",
  );

  // Pro's limits apply at once: the second board can be created now.
  await createBoard(page, slug, "Bugs");
  await expect(page).toHaveURL(new RegExp(`/b/${slug}/bugs$`));

  // The pricing page marks the workspace's plan.
  await page.goto("/pricing");
  await expect(
    page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: "Pro", exact: true }) }),
  ).toContainText("Current plan");

  // Plan changes and cancellation happen in Stripe's portal.
  await page.goto(`/w/${slug}/billing`);
  await page.getByRole("button", { name: "Manage billing" }).click();
  await expect(page).toHaveURL(/\/portal\/bps_[a-z0-9]+/i);
  await page.getByRole("button", { name: "Cancel plan" }).click();
  await expect(page.getByRole("button", { name: "Renew plan" })).toBeVisible();
  await page.getByRole("link", { name: "Return to Problemboard" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/billing$`));
  await eventually(page, `/w/${slug}/billing`, async () => {
    await expect(page.getByText(/^Cancels on .+\.$/)).toBeVisible({ timeout: 1_000 });
  });
  await expect(page.getByTestId("current-plan")).toHaveText("Pro");
});

test("a failed payment after the trial puts the workspace past due, with a banner and an email", async ({
  page,
}) => {
  const email = `payer-${Date.now()}@example.com`;
  await signUpAndVerify(page, "Pat Payer", email, PASSWORD);
  const slug = slugOf(page);
  await page.goto(`/w/${slug}/billing`);
  const { emulator, sessionId } = await buyProMonthly(page, slug);

  // The emulator's own API and control endpoints (test tooling, not Stripe's API surface).
  const session = await page.request.get(`${emulator}/v1/checkout/sessions/${sessionId}`, {
    headers: { authorization: "Bearer sk_test_e2e" },
  });
  expect(session.ok()).toBe(true);
  const { customer } = (await session.json()) as { customer: string };
  expect(customer).toMatch(/^cus_/);
  const card = await page.request.post(`${emulator}/_emulator/customers/${customer}/card`, {
    data: { behavior: "fail" },
  });
  expect(card.ok()).toBe(true);
  // The 14-day trial ends and its first invoice fails (a monthly renewal without a trial
  // would be 31 days; past 21 days the retries are used up and Stripe cancels).
  const advance = await page.request.post(`${emulator}/_emulator/advance`, {
    data: { seconds: 15 * DAY_SECONDS },
  });
  expect(advance.ok()).toBe(true);

  await eventually(page, `/w/${slug}`, async () => {
    await expect(
      page.getByText(/^Your last payment failed\. Update your card by .+ to keep Pro features\.$/),
    ).toBeVisible({ timeout: 1_000 });
  });
  await page
    .getByRole("complementary", { name: "Billing notice" })
    .getByRole("link", { name: "Update your card" })
    .click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/billing$`));
  await expect(page.getByText(/^Past due — grace until .+\.$/)).toBeVisible();
  await expect(page.getByTestId("current-plan")).toHaveText("Pro");

  const text = await openLatestEmail(page, email, "Action needed: the payment for");
  expect(text).toContain(`/w/${slug}/billing`);
});
