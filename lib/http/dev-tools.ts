import { env } from "@/lib/env";
import { isLoopbackIp, socketIp } from "./client-ip";

/**
 * Whether the developer tools (app/dev/*: the email outbox, the error test pages) answer this
 * request: only when they are on (always under `npm run dev`; DEV_TOOLS=1 with a loopback APP_URL
 * in a production build) and the connection comes from this machine. The address is the socket's,
 * as the server recorded it (the last X-Forwarded-For entry, see lib/http/client-ip.ts), never the
 * client's claim, so a dev server listening on every interface shows nothing to the network.
 */
export function devToolsAllowed(headers: Headers): boolean {
  return env.devToolsEnabled && isLoopbackIp(socketIp(headers));
}
