import { setSubscribed } from "@/lib/email/preferences";
import { readUnsubscribeToken } from "@/lib/email/unsubscribe";
import { readFormWithLimit } from "@/lib/http/body-limit";
import { problem, problemResponse } from "@/lib/http/problem";

// POST /api/email/unsubscribe?token=… – RFC 8058 one-click unsubscribe (the List-Unsubscribe
// header of every notification email points here), and the target of the confirmation form on
// /email/unsubscribe. The signed token names the address and the category; no session needed.
export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token") ?? "";
  const target = readUnsubscribeToken(token);
  if (!target) return problem(400, "invalid_token", "This unsubscribe link is not valid.");

  let form: FormData | null;
  try {
    form = await readFormWithLimit(request);
  } catch (error) {
    return problemResponse(error, url.pathname);
  }
  const resubscribe = form?.get("action") === "resubscribe";
  await setSubscribed(target.email, target.category, resubscribe);

  // Mail clients posting `List-Unsubscribe=One-Click` want a bare success; people submitting the
  // confirmation form go back to the page, which now shows the new state.
  if (form?.get("List-Unsubscribe") === "One-Click") {
    return Response.json({ unsubscribed: true, category: target.category });
  }
  const back = new URL("/email/unsubscribe", url);
  back.searchParams.set("token", token);
  back.searchParams.set("done", resubscribe ? "resubscribed" : "unsubscribed");
  return Response.redirect(back, 303);
}
