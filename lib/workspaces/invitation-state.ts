import type { Invitation } from "@/lib/db/schema";
import { now as clockNow } from "@/lib/clock";

/** Where an invitation stands for the person it was sent to. */
export type InvitationState = "pending" | "expired" | "accepted" | "canceled" | "rejected";

/** A pending invitation past its expiry counts as expired; unknown statuses as canceled. */
export function invitationState(
  invitation: Pick<Invitation, "status" | "expiresAt">,
  now: Date = clockNow(),
): InvitationState {
  switch (invitation.status) {
    case "pending":
      return invitation.expiresAt.getTime() > now.getTime() ? "pending" : "expired";
    case "accepted":
    case "rejected":
      return invitation.status;
    default:
      return "canceled";
  }
}

/** What to tell the invited person when the invitation can no longer be accepted. */
export const INVITATION_STATE_MESSAGES: Record<Exclude<InvitationState, "pending">, string> = {
  expired: "This invitation has expired. Ask the person who invited you to send a new one.",
  accepted: "This invitation has already been used.",
  canceled: "This invitation was canceled. Ask the person who invited you to send a new one.",
  rejected: "This invitation was declined. Ask the person who invited you to send a new one.",
};
