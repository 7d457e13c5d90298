/**
 * Field names whose values never leave the process: not in logs, and (through the same list) not
 * in error reports. Matched by exact key name at any of the first few levels of a logged object,
 * so `{ headers: { cookie } }` and `{ user: { password } }` are covered. Add a key here rather
 * than redacting at one call site.
 */
export const REDACT_KEYS = [
  // Credentials
  "password",
  "newPassword",
  "currentPassword",
  "token",
  "accessToken",
  "refreshToken",
  "idToken",
  "secret",
  "clientSecret",
  "client_secret",
  "apiKey",
  "api_key",
  "privateKey",
  "serviceRoleKey",
  "backupCodes",
  "otp",
  // HTTP
  "authorization",
  "Authorization",
  "cookie",
  "Cookie",
  "set-cookie",
  "Set-Cookie",
  "x-api-key",
  "stripe-signature",
  "svix-signature",
  "webhook-signature",
  "signature",
  // Payment data
  "card",
  "cardNumber",
  "card_number",
  "cvc",
  "cvv",
  "iban",
  // Connection strings
  "databaseUrl",
  "DATABASE_URL",
  "connectionString",
  // Email bodies (may hold sign-in and reset links)
  "html",
  "text",
  // A database statement and its values (user text: bodies, comments, searches); errors lose
  // them in ./scrub-error.ts, these catch them anywhere else
  "query",
  "params",
  "parameters",
] as const;

/** Whether a field with this name must be redacted (case-insensitive). */
export function isRedactedKey(key: string): boolean {
  return LOWERCASE_KEYS.has(key.toLowerCase());
}

const LOWERCASE_KEYS = new Set(REDACT_KEYS.map((key) => key.toLowerCase()));

/** What a redacted value is replaced with. */
export const REDACTED = "[redacted]";

/** pino `redact` paths for REDACT_KEYS at the top level and `depth` levels below it. */
export function redactPaths(depth = 2): string[] {
  const paths: string[] = [];
  for (const key of REDACT_KEYS) {
    const segment = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
    for (let level = 0; level <= depth; level++) {
      const prefix = "*.".repeat(level);
      paths.push(
        segment.startsWith("[") ? `${prefix.replace(/\.$/, "")}${segment}` : prefix + segment,
      );
    }
  }
  return paths;
}
