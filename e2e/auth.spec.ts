import type { Page } from "@playwright/test";
import { expect, test } from "./support";

// The sign-up journey a new customer takes, in a real browser against the production build.

const password = "a-long-and-unusual-passphrase";

async function openLatestEmail(page: Page, to: string, subject: string) {
  await page.goto("/dev/emails");
  await page
    .getByRole("link", { name: new RegExp(`${subject}.*to ${to}`) })
    .first()
    .click();
  await expect(page.getByRole("heading", { name: subject })).toBeVisible();
  return (await page.getByTestId("email-text").textContent()) ?? "";
}

test("sign up, verify the email, land in the personal workspace, sign out and back in", async ({
  page,
}) => {
  const email = `ada-${Date.now()}@example.com`;

  await page.goto("/");
  await page
    .getByRole("link", { name: /start free/i })
    .first()
    .click();
  await expect(page).toHaveURL(/\/sign-up$/);

  // Field-level errors come back from the server without losing what was typed.
  await page.getByLabel("Your name").fill("Ada Lovelace");
  await page.getByLabel("Work email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address, like you@example.com.")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Your name")).toHaveValue("Ada Lovelace");

  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();

  const text = await openLatestEmail(page, email, "Verify your email for Problemboard");
  const link = text.match(/https?:\/\/\S+\/api\/auth\/verify-email\S+/)?.[0];
  expect(link, "verification link in the email").toBeTruthy();
  await page.goto(link!);

  await expect(page).toHaveURL(/\/w\/ada-[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { name: "Ada Lovelace's workspace" })).toBeVisible();
  await expect(page.getByText("Your role: Owner")).toBeVisible();

  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/app");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fapp$/);

  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password").fill("wrong-password-here");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Wrong email or password.")).toBeVisible();

  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/w\/ada-[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { name: "Ada Lovelace's workspace" })).toBeVisible();
});

test("switching workspace is remembered across sign-ins", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill("member@demo.problemboard.dev");
  await page.getByLabel("Password").fill("demo-password-2026");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Acme Inc" })).toBeVisible();

  await page.getByRole("button", { name: "Switch workspace" }).click();
  await page.getByRole("menuitem", { name: /New workspace/ }).click();
  await page.getByLabel("Workspace name").fill("Mia's side project");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByRole("heading", { name: "Mia's side project" })).toBeVisible();

  await page.goto("/account");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  await page.getByLabel("Email", { exact: true }).fill("member@demo.problemboard.dev");
  await page.getByLabel("Password").fill("demo-password-2026");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Mia's side project" })).toBeVisible();

  await page.getByRole("button", { name: "Switch workspace" }).click();
  await page.getByRole("menuitem", { name: /Acme Inc/ }).click();
  await expect(page.getByRole("heading", { name: "Acme Inc" })).toBeVisible();

  // The JSON read of the current workspace follows the switch.
  const current = await page.request.get("/api/workspaces/current");
  expect(current.status()).toBe(200);
  expect(await current.json()).toMatchObject({ slug: "acme", role: "member", memberCount: 4 });
});

test("the workspace API refuses anonymous callers with a problem document", async ({ request }) => {
  const response = await request.get("/api/workspaces/current");
  expect(response.status()).toBe(401);
  expect(response.headers()["content-type"]).toContain("application/problem+json");
  expect(await response.json()).toMatchObject({ code: "unauthorized", status: 401 });
});

test("unknown pages are a friendly 404", async ({ page }) => {
  const response = await page.goto("/definitely-not-a-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We couldn't find that page" })).toBeVisible();
});
