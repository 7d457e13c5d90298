import { expect, newVisitor, openLatestEmail, personAt, signUpAndVerify, test } from "./support";

// An invitation survives sign-up: a person without an account follows it, creates one with the
// invited address prefilled, verifies, and lands on the invitation. Someone who signs up another
// way is told about it in the app.

const PASSWORD = "a-long-and-unusual-passphrase";

test("an invitee without an account signs up from the invitation and lands on it", async ({
  browser,
}) => {
  const stamp = Date.now().toString(36);
  // The demo workspace: a Team trial with seats to invite into.
  const owner = await personAt(browser, "owner@demo.problemboard.dev");
  const workspace = "acme";
  const workspaceName = "Acme Inc";

  const invitee = `ines-${stamp}@example.com`;
  await owner.page.goto(`/w/${workspace}/members`);
  await owner.page.getByLabel("Email address").fill(invitee);
  await owner.page.getByRole("button", { name: "Send invitation" }).click();
  await expect(owner.page.getByText(invitee).first()).toBeVisible();
  const mail = await openLatestEmail(owner.page, invitee, "invited you");
  const link = mail.match(/https?:\/\/\S+\/invitations\/[^\s)]+/)![0];
  const invitationPath = new URL(link).pathname;

  // The invitee has no account: the link asks to sign in, and "Create an account" keeps going.
  const guest = await newVisitor(browser);
  await guest.page.goto(invitationPath);
  await expect(guest.page).toHaveURL(/\/sign-in\?next=/);
  await guest.page.getByRole("link", { name: "Create an account" }).click();
  await expect(guest.page.getByText(`Create your account to join ${workspaceName}`)).toBeVisible();
  await expect(guest.page.getByLabel("Work email")).toHaveValue(invitee);
  await guest.page.getByLabel("Your name").fill(`Ines ${stamp}`);
  await guest.page.getByLabel("Password").fill(PASSWORD);
  await guest.page.getByRole("button", { name: "Create account" }).click();
  await expect(guest.page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();

  const verify = await openLatestEmail(guest.page, invitee, "Verify your email for Problemboard");
  await guest.page.goto(verify.match(/https?:\/\/\S+\/api\/auth\/verify-email\S+/)![0]);
  await expect(guest.page).toHaveURL(new RegExp(`${invitationPath}$`));
  await expect(guest.page.getByRole("heading", { name: `Join ${workspaceName}` })).toBeVisible();
  await guest.page.getByRole("button", { name: "Accept invitation" }).click();
  await expect(guest.page).toHaveURL(new RegExp(`/w/${workspace}`));

  // A second invitee signs up without the link: the app tells them.
  const other = `oona-${stamp}@example.com`;
  await owner.page.goto(`/w/${workspace}/members`);
  await owner.page.getByLabel("Email address").fill(other);
  await owner.page.getByRole("button", { name: "Send invitation" }).click();
  await expect(owner.page.getByText(other).first()).toBeVisible();
  const third = await newVisitor(browser);
  await signUpAndVerify(third.page, `Oona ${stamp}`, other, PASSWORD);
  const notice = third.page.getByRole("complementary", { name: "Invitations for you" });
  await expect(notice).toContainText(`You're invited to join ${workspaceName}`);
  await notice.getByRole("link", { name: "See the invitation" }).click();
  await expect(third.page.getByRole("heading", { name: `Join ${workspaceName}` })).toBeVisible();

  await Promise.all([owner.close(), guest.context.close(), third.context.close()]);
});
