"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { failed, fields, STALE_FORM } from "@/app/form-actions";
import type { FormState } from "@/lib/auth/form-state";
import { principalOf, requireSession } from "@/lib/auth/session";
import { setAccountNotificationEmails } from "@/lib/email/account-email-preferences";

/** An unticked checkbox is not submitted at all; a ticked one sends "on". */
const preferencesForm = z.object({ notifications: z.literal("on").optional() });

// Turn the signed-in user's status-change emails on or off. The address is always the session
// user's own: nothing in the form can name another.
export async function updateEmailPreferencesAction(
  _: FormState,
  form: FormData,
): Promise<FormState> {
  const session = await requireSession("/account");
  const parsed = preferencesForm.safeParse(fields(form));
  if (!parsed.success) return STALE_FORM;
  const subscribed = parsed.data.notifications === "on";
  const values = { notifications: subscribed ? "on" : "" };
  try {
    await setAccountNotificationEmails(principalOf(session), subscribed);
    revalidatePath("/account", "page");
    return {
      success: subscribed
        ? "You'll get an email when a problem you follow changes status."
        : "You won't get status-change emails any more.",
      values,
    };
  } catch (error) {
    return failed(error, values);
  }
}
