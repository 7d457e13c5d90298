"use client";

import { useActionState } from "react";
import { unbanAuthorAction } from "@/app/(app)/w/[workspace]/moderation/actions";
import { FormNote } from "@/components/app/members/form-note";
import { SubmitButton } from "@/components/auth/form-parts";
import { initialFormState } from "@/lib/auth/form-state";
import type { BanEntry as Ban } from "@/lib/moderation/bans";

/** What the ban list may say about them: the name on their posts, or that nothing is left. */
const nameOf = (ban: Ban) => ban.name ?? "An author with no posts left here";

function UnbanForm({ workspaceId, ban }: { workspaceId: string; ban: Ban }) {
  const [state, action] = useActionState(unbanAuthorAction, initialFormState);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="userId" value={ban.userId} />
      {/* The name starts with the visible text (WCAG 2.5.3), then says whom. */}
      <SubmitButton size="sm" variant="outline">
        Lift ban<span className="sr-only"> on {nameOf(ban)}</span>
      </SubmitButton>
      <FormNote state={state} />
    </form>
  );
}

/** Banned authors with a way to lift each ban. */
export function BanList({ workspaceId, bans }: { workspaceId: string; bans: Ban[] }) {
  if (bans.length === 0) {
    return <p className="text-sm text-muted-foreground">Nobody is banned.</p>;
  }
  return (
    <ul className="divide-y">
      {bans.map((ban) => (
        <li key={ban.userId} className="flex flex-wrap items-center justify-between gap-3 py-3">
          <div className="grid gap-0.5 text-sm">
            <span className="font-medium">{nameOf(ban)}</span>
            <span className="text-muted-foreground">
              {ban.email ? `${ban.email} · ` : ""}
              {ban.reason ? `${ban.reason} · ` : ""}since{" "}
              <time dateTime={ban.createdAt.toISOString()}>
                {ban.createdAt.toISOString().slice(0, 10)}
              </time>
            </span>
          </div>
          <UnbanForm workspaceId={workspaceId} ban={ban} />
        </li>
      ))}
    </ul>
  );
}
