"use client";

import { useActionState } from "react";
import { createBoardAction, updateBoardAction } from "@/app/(app)/w/[workspace]/boards/actions";
import { FormMessage, SubmitButton } from "@/components/auth/form-parts";
import { initialFormState } from "@/lib/auth/form-state";
import { BoardFields, type BoardValues } from "./board-fields";

const NEW_BOARD: BoardValues = {
  name: "",
  slug: "",
  description: "",
  guidelines: "",
  visibility: "public",
  moderationMode: "hold_first",
};

export function CreateBoardForm({
  workspaceId,
  workspaceSlug,
}: {
  workspaceId: string;
  workspaceSlug: string;
}) {
  const [state, action] = useActionState(createBoardAction, initialFormState);
  return (
    <form action={action} className="grid gap-6" noValidate>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="workspaceSlug" value={workspaceSlug} />
      <FormMessage state={state} upgradeHref={`/w/${workspaceSlug}/billing`} />
      <BoardFields state={state} board={NEW_BOARD} workspaceSlug={workspaceSlug} />
      <div>
        <SubmitButton>Create board</SubmitButton>
      </div>
    </form>
  );
}

export function EditBoardForm({
  workspaceId,
  workspaceSlug,
  boardId,
  board,
}: {
  workspaceId: string;
  workspaceSlug: string;
  boardId: string;
  board: BoardValues;
}) {
  const [state, action] = useActionState(updateBoardAction, initialFormState);
  return (
    <form action={action} className="grid gap-6" noValidate>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="boardId" value={boardId} />
      <FormMessage state={state} />
      <BoardFields state={state} board={board} workspaceSlug={workspaceSlug} editing />
      <div>
        <SubmitButton>Save changes</SubmitButton>
      </div>
    </form>
  );
}
