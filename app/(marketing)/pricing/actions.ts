"use server";

import { headers } from "next/headers";
import { failed } from "@/app/form-actions";
import type { FormState } from "@/lib/auth/form-state";
import { getSession } from "@/lib/auth/session";
import { assertSalesInquiryAllowed, submitSalesInquiry } from "@/lib/billing/sales";
import { clientIp } from "@/lib/http/client-ip";

const SALES_FIELDS = ["name", "email", "company", "seats", "message"] as const;

const SALES_THANKS = "Thanks — our sales team will reply within one business day.";

// Send an Enterprise enquiry from the pricing page to the sales inbox (anyone, rate limited by address).
export async function contactSalesAction(_: FormState, form: FormData): Promise<FormState> {
  const values: Record<string, string> = {};
  for (const key of SALES_FIELDS) {
    const value = form.get(key);
    values[key] = typeof value === "string" ? value : "";
  }
  try {
    await assertSalesInquiryAllowed(clientIp(await headers()));
    const session = await getSession();
    await submitSalesInquiry(values, { userId: session?.user.id ?? null });
  } catch (error) {
    return failed(error, values);
  }
  return { success: SALES_THANKS };
}
