import { stopImpersonatingAction } from "@/app/impersonation-actions";
import { Button } from "@/components/ui/button";
import { currentImpersonation } from "@/lib/auth/impersonation";

/**
 * Across the top of every page while a platform admin impersonates a user: whom, until when
 * (it ends by itself after an hour), and "Stop impersonating", which returns to the user's page
 * in the console. A plain form, so it works without JavaScript.
 */
export async function ImpersonationBanner() {
  const impersonation = await currentImpersonation();
  if (!impersonation) return null;
  const { user, expiresAt } = impersonation;
  const until = `${expiresAt.toISOString().slice(11, 16)} UTC`;
  return (
    <aside
      aria-label="Impersonation"
      className="flex flex-wrap items-center justify-center gap-x-4 gap-y-2 bg-red-700 px-4 py-2 text-sm text-white"
    >
      <p className="break-words">
        You are impersonating <strong>{user.name}</strong> ({user.email}). It ends by itself at{" "}
        <time dateTime={expiresAt.toISOString()}>{until}</time>.
      </p>
      <form action={stopImpersonatingAction}>
        <Button type="submit" size="sm" variant="secondary">
          Stop impersonating
        </Button>
      </form>
    </aside>
  );
}
