import { z } from "zod";
import { db } from "@/lib/db";
import { salesInquiries } from "@/lib/db/schema";
import { sendEmail } from "@/lib/email/send-email";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { checkRateLimit } from "@/lib/ratelimit/rate-limiter";
import { parseInput, userText } from "@/lib/validation";

/**
 * The Enterprise "Contact sales" form on /pricing: anyone may send it, signed in or not. Each
 * enquiry is stored and emailed to SALES_EMAIL in one transaction.
 */

export const salesInquirySchema = z.object({
  name: userText({ required: "Enter your name.", min: 1, max: 100 }),
  email: z
    .string({ error: "Enter your work email." })
    .trim()
    .toLowerCase()
    .min(1, "Enter your work email.")
    .max(254, "That email address is too long.")
    .pipe(z.email("Enter a valid email address, like you@company.com.")),
  company: userText({ required: "Enter your company's name.", min: 1, max: 200 }),
  seats: z
    .string({ error: "Enter how many seats you expect to need." })
    .trim()
    .min(1, "Enter how many seats you expect to need.")
    .regex(/^\d+$/, "Enter a whole number of seats, like 50.")
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(1, "Enter at least 1 seat.")
        .max(1_000_000, "Enter at most 1,000,000 seats."),
    ),
  message: userText({
    required: "Tell us what you need.",
    min: 10,
    tooShort: "Tell us a little more (at least 10 characters).",
    max: 5_000,
    multiline: true,
  }),
});

export type SalesInquiryInput = z.input<typeof salesInquirySchema>;

/** Enquiries per client address; the form is public, so it is the only identity there is. */
export async function assertSalesInquiryAllowed(ip: string): Promise<void> {
  const result = await checkRateLimit("sales:inquiry:ip", ip);
  if (!result.success) {
    const seconds = Math.max(1, Math.ceil((result.reset - Date.now()) / 1000));
    const minutes = Math.ceil(seconds / 60);
    throw new AppError(
      "rate_limited",
      `You've sent several messages already. Try again in ${minutes === 1 ? "a minute" : `${minutes} minutes`}, or email ${env.SALES_EMAIL}.`,
    );
  }
}

/**
 * Store an enquiry and queue the `contact-sales` email to the sales inbox, together: either both
 * happen or neither does. `userId` links it to the signed-in visitor, if any.
 */
export async function submitSalesInquiry(
  input: unknown,
  { userId = null }: { userId?: string | null } = {},
): Promise<{ id: string }> {
  const data = parseInput(salesInquirySchema, input);
  const id = createId("inq");
  await db.transaction(async (tx) => {
    await tx.insert(salesInquiries).values({ id, ...data, userId });
    await sendEmail(
      "contact-sales",
      env.SALES_EMAIL,
      { ...data, seats: data.seats.toLocaleString("en-US") },
      { tx, idempotencyKey: `sales-inquiry:${id}` },
    );
  });
  return { id };
}
