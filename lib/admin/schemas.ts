import { z } from "zod";
import { userText } from "@/lib/validation";

/** Why an operator acted: required on every admin action and kept in the audit trail. */
export const reasonSchema = userText({
  min: 5,
  max: 500,
  multiline: true,
  required: "Give a reason (it goes into the audit trail).",
  tooShort: "Give a reason of at least 5 characters (it goes into the audit trail).",
});

export const reasonInput = z.object({ reason: reasonSchema });
