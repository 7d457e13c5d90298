"use server";

import { isAPIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { stopImpersonating } from "@/lib/admin/impersonate-user";
import { callAuth } from "@/lib/auth/call-auth";
import { getSession } from "@/lib/auth/session";

// POST (any page) – stop impersonating: back to the admin's own session and the user's console page
export async function stopImpersonatingAction(): Promise<void> {
  const session = await getSession();
  if (!session?.session.impersonatedBy) redirect("/");
  let userId: string;
  try {
    ({ userId } = await stopImpersonating(session, await headers()));
  } catch (error) {
    // The admin's own session is gone (revoked or expired meanwhile): end this one too.
    if (!isAPIError(error)) throw error;
    await callAuth("/sign-out", {});
    redirect("/sign-in");
  }
  redirect(`/admin/users/${userId}`);
}
