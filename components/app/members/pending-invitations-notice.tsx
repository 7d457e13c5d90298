import Link from "next/link";
import type { MyInvitation } from "@/lib/workspaces/list-my-invitations";

/**
 * A strip under the workspace tabs while invitations wait for the signed-in person (sent to their
 * verified address): each workspace and a link to accept. Renders nothing otherwise.
 */
export function PendingInvitationsNotice({ invitations }: { invitations: MyInvitation[] }) {
  if (invitations.length === 0) return null;
  return (
    <aside aria-label="Invitations for you" className="border-b bg-secondary text-sm">
      <ul className="mx-auto grid max-w-6xl gap-1 px-4 py-2">
        {invitations.map((invitation) => (
          <li key={invitation.id} className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <p>
              You&apos;re invited to join{" "}
              <span className="font-medium">{invitation.workspaceName}</span>.
            </p>
            <Link
              href={`/invitations/${invitation.id}`}
              className="font-medium underline underline-offset-4"
            >
              See the invitation
            </Link>
          </li>
        ))}
      </ul>
    </aside>
  );
}
