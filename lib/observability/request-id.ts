import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { REQUEST_ID_HEADER } from "./request-id-header";

export { REQUEST_ID_HEADER } from "./request-id-header";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The current request's id, or null outside a request (the job worker, scripts, tests, build).
 * Only a well-formed UUID is returned, so nothing a client wrote can reach a log line.
 */
export async function currentRequestId(): Promise<string | null> {
  try {
    const value = (await headers()).get(REQUEST_ID_HEADER);
    return value && UUID.test(value) ? value : null;
  } catch (error) {
    // Next.js signals (dynamic rendering bail-outs) must propagate; "outside a request" is null.
    unstable_rethrow(error);
    return null;
  }
}
