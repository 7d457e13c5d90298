"use server";

import { revalidatePath } from "next/cache";
import { failed } from "@/app/form-actions";
import { reauthenticate } from "@/lib/admin/fresh-session";
import type { FormState } from "@/lib/auth/form-state";
import { requireAdmin } from "./admin-session";

// POST /admin/* – re-enter the password: the session is fresh for sensitive actions for 15 minutes
export async function reauthenticateAction(_: FormState, form: FormData): Promise<FormState> {
  const { admin, session } = await requireAdmin();
  const password = form.get("password");
  try {
    await reauthenticate(admin, session.session, {
      password: typeof password === "string" ? password : undefined,
    });
  } catch (error) {
    return failed(error);
  }
  revalidatePath("/admin", "layout");
  return { success: "Confirmed. Sensitive actions are open for the next 15 minutes." };
}
