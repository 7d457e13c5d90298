/**
 * The header that carries the request id. proxy.ts generates one per request
 * (crypto.randomUUID), replaces any id the client sent, and returns it on the response, so a
 * user's report ("x-request-id: …") finds the matching log lines. Dependency-free for the proxy.
 */
export const REQUEST_ID_HEADER = "x-request-id";
