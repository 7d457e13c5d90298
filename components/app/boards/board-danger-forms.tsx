"use client";

import { useActionState } from "react";
import {
  deleteBoardAction,
  setBoardArchivedAction,
} from "@/app/(app)/w/[workspace]/boards/actions";
import { Field, FormMessage, SubmitButton } from "@/components/auth/form-parts";
import { initialFormState } from "@/lib/auth/form-state";

interface BoardTarget {
  workspaceId: string;
  boardId: string;
}

/** Archive a live board, or restore an archived one. */
export function ArchiveBoardForm({
  workspaceId,
  boardId,
  archived,
}: BoardTarget & { archived: boolean }) {
  const [state, action] = useActionState(setBoardArchivedAction, initialFormState);
  return (
    <form action={action} className="grid gap-3">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="boardId" value={boardId} />
      <input type="hidden" name="archived" value={archived ? "false" : "true"} />
      <FormMessage state={state} />
      <div>
        <SubmitButton variant="outline">
          {archived ? "Restore board" : "Archive board"}
        </SubmitButton>
      </div>
    </form>
  );
}

/** Delete a board for good, after its address is typed to confirm (checked on the server). */
export function DeleteBoardForm({
  workspaceId,
  workspaceSlug,
  boardId,
  boardSlug,
}: BoardTarget & { workspaceSlug: string; boardSlug: string }) {
  const [state, action] = useActionState(deleteBoardAction, initialFormState);
  return (
    <form action={action} className="grid gap-3" noValidate>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="workspaceSlug" value={workspaceSlug} />
      <input type="hidden" name="boardId" value={boardId} />
      <input type="hidden" name="boardSlug" value={boardSlug} />
      <FormMessage state={state} />
      <Field
        name="confirm"
        label={`Type ${boardSlug} to confirm`}
        state={state}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        required
      />
      <div>
        <SubmitButton variant="destructive">Delete board and its problems</SubmitButton>
      </div>
    </form>
  );
}
