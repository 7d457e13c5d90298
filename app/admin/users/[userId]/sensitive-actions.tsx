// The user page's sensitive actions (impersonation): they need a fresh session, so the section
// says until when this admin's session is fresh, or asks for the password again.
import { AdminActionForm } from "@/components/admin/admin-action-form";
import { ReauthForm } from "@/components/admin/reauth-form";
import { Time } from "@/components/admin/admin-table";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PLATFORM_ADMIN_ROLE } from "@/lib/admin/require-platform-admin";
import { reauthenticateAction } from "../../actions";
import { impersonateUserAction } from "../actions";

/** `freshness` is `sessionFreshness(session)` of the admin viewing the page. */
export function SensitiveActions({
  user,
  adminId,
  freshness: { fresh, freshUntil },
}: {
  user: { id: string; role: string | null; banned: boolean | null };
  adminId: string;
  freshness: { fresh: boolean; freshUntil: Date };
}) {
  const refusal =
    user.id === adminId
      ? "You can't impersonate yourself."
      : user.role === PLATFORM_ADMIN_ROLE
        ? "Platform admins can't be impersonated."
        : user.banned
          ? "Banned users can't be impersonated: lift the ban first."
          : null;

  return (
    <section aria-labelledby="sensitive" className="grid gap-3">
      <h2 id="sensitive" className="text-lg font-semibold">
        Sensitive actions
      </h2>
      {fresh ? (
        <p className="text-sm text-muted-foreground">
          Your sign-in is fresh until <Time at={freshUntil} />; after that these actions ask for
          your password again.
        </p>
      ) : (
        <div className="grid gap-2 rounded-md border p-4">
          <p className="text-sm">
            These actions need a fresh sign-in: your session is older than 15 minutes. Re-enter your
            password to open them for 15 minutes.
          </p>
          <ReauthForm action={reauthenticateAction} />
        </div>
      )}
      <Card>
        <CardHeader>
          <CardTitle>
            <h3>Impersonate</h3>
          </CardTitle>
        </CardHeader>
        <CardContent className="grid gap-2">
          <p className="text-sm text-muted-foreground">
            Sign in as this user to see what they see, for at most 60 minutes. The console is closed
            meanwhile, and their password and email can&apos;t be changed. A banner on every page
            stops it.
          </p>
          {refusal ? (
            <p className="text-sm">{refusal}</p>
          ) : (
            <AdminActionForm
              id="impersonate"
              action={impersonateUserAction}
              hidden={{ userId: user.id }}
              submitLabel="Impersonate"
            />
          )}
        </CardContent>
      </Card>
    </section>
  );
}
