export const ADMIN_GRANT_USAGE =
  "usage: npm run admin:grant -- <email> [--revoke] [--reason <text>]";

export type AdminGrantArgs =
  { email: string; revoke: boolean; reason: string | null } | { error: string };

/** The arguments of `npm run admin:grant`, or a one-line error that names what is wrong. */
export function parseAdminGrantArgs(argv: string[]): AdminGrantArgs {
  let email: string | null = null;
  let revoke = false;
  let reason: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--revoke") revoke = true;
    else if (arg === "--reason" || arg.startsWith("--reason=")) {
      const value = arg === "--reason" ? argv[++i] : arg.slice("--reason=".length);
      if (!value?.trim()) return { error: `--reason needs a text. ${ADMIN_GRANT_USAGE}` };
      reason = value.trim().slice(0, 500);
    } else if (arg.startsWith("-")) {
      return { error: `Unknown option ${arg}. ${ADMIN_GRANT_USAGE}` };
    } else if (email) {
      return { error: `Give one email (got ${email} and ${arg}). ${ADMIN_GRANT_USAGE}` };
    } else email = arg;
  }
  if (!email) return { error: `Give the email of the user. ${ADMIN_GRANT_USAGE}` };
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
    return { error: `${email} is not an email address. ${ADMIN_GRANT_USAGE}` };
  }
  return { email, revoke, reason };
}
