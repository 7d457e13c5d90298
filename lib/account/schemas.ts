import { z } from "zod";
import { passwordSchema } from "@/lib/auth/password-policy";

/** A person's display name: what sign-up accepts. */
export const accountNameSchema = z.object({
  name: z
    .string({ error: "Enter your name." })
    .trim()
    .min(1, "Enter your name.")
    .max(80, "Use at most 80 characters."),
});

export const changePasswordSchema = z.object({
  currentPassword: z
    .string({ error: "Enter your current password." })
    .min(1, "Enter your current password."),
  newPassword: passwordSchema,
});

export const changeEmailSchema = z.object({
  newEmail: z
    .string({ error: "Enter your new email address." })
    .trim()
    .toLowerCase()
    .min(1, "Enter your new email address.")
    .max(254, "Use at most 254 characters.")
    .pipe(z.email("Enter an email address like name@example.com.")),
});
