import type { HookEndpointContext } from "better-auth";
import { isAPIError } from "better-auth/api";

/**
 * A sign-up with a new address creates the user, their workspace, the password account and a
 * verification email; one with a taken address only hashes the password and writes one email.
 * The answers are identical, but the first takes longer (about 135 ms more on PGlite, a few
 * round trips on Postgres), which would tell a patient caller which addresses have an account.
 * So every successful sign-up answers no sooner than this after it began. It is longer than the
 * new-address path takes, so both wait for the same floor.
 */
export const SIGN_UP_MIN_MS = 1000;

const started = new WeakMap<object, number>();

/** Before-hook part: note when a sign-up began. */
export function noteSignUpStart(ctx: Pick<HookEndpointContext, "path" | "request">): void {
  if (ctx.path === "/sign-up/email" && ctx.request) started.set(ctx.request, performance.now());
}

/** After-hook part: hold a successful sign-up's answer until the floor has passed. */
export async function padSignUp(
  ctx: Pick<HookEndpointContext, "path" | "request" | "context">,
): Promise<void> {
  if (ctx.path !== "/sign-up/email" || !ctx.request) return;
  const start = started.get(ctx.request);
  started.delete(ctx.request);
  if (start === undefined || isAPIError(ctx.context.returned)) return;
  const remaining = SIGN_UP_MIN_MS - (performance.now() - start);
  if (remaining > 0) await new Promise((resolve) => setTimeout(resolve, remaining));
}
