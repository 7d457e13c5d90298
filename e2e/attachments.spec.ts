import { hasGps, jpegWithGps } from "../tests/support/images";
import { expect, personAt, test } from "./support";

// Images on a problem end to end: a member attaches a photo carrying an EXIF GPS position to a
// new problem; visitors see it inline with its description on the public page, and the file the
// app serves has no GPS block left.

test("an attached image shows on the public problem page, and the served file has no EXIF GPS", async ({
  browser,
}) => {
  const title = `Export button hidden behind the footer ${Date.now()}`;
  const photo = await jpegWithGps();
  expect(await hasGps(photo)).toBe(true);

  const member = await personAt(browser, "member@demo.problemboard.dev");
  await member.page.goto("/b/acme/feedback");
  await member.page.getByLabel("Title").fill(title);
  await member.page.getByLabel("Details").fill("On small screens the footer covers it.");
  await member.page
    .getByLabel("Images (optional)")
    .setInputFiles({ name: "IMG_2031.jpg", mimeType: "image/jpeg", buffer: photo });
  await member.page
    .getByLabel("Describe image 1 (IMG_2031.jpg)")
    .fill("The export button half hidden by the page footer");
  await member.page.getByRole("button", { name: "Post problem" }).click();
  await expect(member.page).toHaveURL(/\/b\/acme\/feedback\/p\/prb_/);
  const problemPath = new URL(member.page.url()).pathname;

  // A signed-out visitor on the public page, on a phone-sized screen.
  const visitor = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await visitor.newPage();
  await page.goto(problemPath);
  const image = page.getByRole("img", { name: "The export button half hidden by the page footer" });
  await expect(image).toBeVisible();
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);
  const box = await image.boundingBox();
  expect(box!.width).toBeLessThanOrEqual(390);

  // The full-size file, as the link opens it (through the signed-URL redirect).
  const href = await page.getByRole("link", { name: /open full size/ }).getAttribute("href");
  const served = await page.request.get(href!);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe("image/jpeg");
  expect(await hasGps(await served.body())).toBe(false);

  // A guessed attachment id is not found.
  const guessed = await page.request.get("/api/attachments/att_00000000000000000000", {
    maxRedirects: 0,
  });
  expect(guessed.status()).toBe(404);
  await visitor.close();
  await member.close();
});
