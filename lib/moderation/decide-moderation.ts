import { and, eq } from "drizzle-orm";
import { type Database, type Transaction } from "@/lib/db";
import {
  comments,
  moderationSettings,
  problems,
  type Board,
  type ModerationState,
} from "@/lib/db/schema";

export interface ModerationDecision {
  state: ModerationState;
  reason: string | null;
}

export const DEFAULT_MODERATION_SETTINGS = {
  blockedWords: [] as string[],
  maxLinks: 3,
  flagThreshold: 3,
};

export async function getModerationSettings(tx: Database | Transaction, workspaceId: string) {
  const [settings] = await tx
    .select()
    .from(moderationSettings)
    .where(eq(moderationSettings.workspaceId, workspaceId));
  return settings ?? { workspaceId, ...DEFAULT_MODERATION_SETTINGS };
}

const LINK = /https?:\/\/|www\./gi;

/** Words are matched whole and case-insensitively. */
export function findBlockedWord(text: string, blockedWords: string[]): string | null {
  const lower = text.toLowerCase();
  for (const word of blockedWords) {
    const escaped = word.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    if (
      escaped &&
      new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, "u").test(lower)
    ) {
      return word;
    }
  }
  return null;
}

/**
 * Whether a new submission is published at once or held for review: members' posts publish;
 * otherwise blocked words and many links hold it, then the board's setting decides (hold all,
 * hold the first post of someone with nothing approved in this workspace yet, or publish).
 */
export async function decideModeration(
  tx: Database | Transaction,
  input: { board: Board; authorId: string; isMember: boolean; text: string; edit?: boolean },
): Promise<ModerationDecision> {
  if (input.isMember) return { state: "approved", reason: null };
  const settings = await getModerationSettings(tx, input.board.workspaceId);
  const word = findBlockedWord(input.text, settings.blockedWords);
  if (word) return { state: "pending", reason: "Contains a blocked word" };
  const links = input.text.match(LINK)?.length ?? 0;
  if (links > settings.maxLinks) return { state: "pending", reason: `Contains ${links} links` };
  // An edit is checked for its content only; the board's hold rules applied when it was posted.
  if (input.edit) return { state: "approved", reason: null };
  if (input.board.moderationMode === "hold_all") {
    return { state: "pending", reason: "This board holds every new submission" };
  }
  if (input.board.moderationMode === "hold_first") {
    const approvedBefore = await hasApprovedContent(tx, input.board.workspaceId, input.authorId);
    if (!approvedBefore) return { state: "pending", reason: "First post from this author" };
  }
  return { state: "approved", reason: null };
}

async function hasApprovedContent(tx: Database | Transaction, workspaceId: string, userId: string) {
  const [problem] = await tx
    .select({ id: problems.id })
    .from(problems)
    .where(
      and(
        eq(problems.workspaceId, workspaceId),
        eq(problems.authorId, userId),
        eq(problems.moderationState, "approved"),
      ),
    )
    .limit(1);
  if (problem) return true;
  const [comment] = await tx
    .select({ id: comments.id })
    .from(comments)
    .where(
      and(
        eq(comments.workspaceId, workspaceId),
        eq(comments.authorId, userId),
        eq(comments.moderationState, "approved"),
      ),
    )
    .limit(1);
  return Boolean(comment);
}
