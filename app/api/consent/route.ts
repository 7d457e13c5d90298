// /api/consent – the signed-in user's cookie-consent choice, so it follows them to a new browser.
// GET answers { consent } (null when signed out or never chosen); PUT stores { analytics,
// marketing } for the signed-in user (a visitor's choice lives only in the pb_consent cookie,
// which the browser writes itself).
import { readSession } from "@/lib/auth/read-session";
import { consentChoiceSchema, getUserConsent, saveUserConsent } from "@/lib/consent/user-consent";
import { parseInput } from "@/lib/validation";
import { readJsonWithLimit } from "@/lib/http/body-limit";
import { problem, problemResponse } from "@/lib/http/problem";
import { isSameOrigin } from "@/lib/http/same-origin";

export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store" };

export async function GET(request: Request) {
  const user = (await readSession(request.headers))?.user;
  const consent = user ? await getUserConsent(user.id) : null;
  return Response.json({ consent }, { headers: NO_STORE });
}

export async function PUT(request: Request) {
  if (!isSameOrigin(request.headers)) {
    return problem(403, "forbidden", "Cross-site requests are not allowed.", "/api/consent");
  }
  try {
    const body = await readJsonWithLimit(request);
    // Validated for everyone, so a bad body is a clear 422 even for a visitor.
    const choice = parseInput(consentChoiceSchema, body);
    const user = (await readSession(request.headers))?.user;
    if (!user) return new Response(null, { status: 204, headers: NO_STORE });
    const consent = await saveUserConsent(user.id, choice);
    return Response.json({ consent }, { headers: NO_STORE });
  } catch (error) {
    return problemResponse(error, "/api/consent");
  }
}
