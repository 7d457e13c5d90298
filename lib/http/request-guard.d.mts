// Types for request-guard.mjs (plain JavaScript, run by scripts/serve.mjs outside Next.js).
import type { IncomingMessage, ServerResponse } from "node:http";

export const MAX_BODY_BYTES: number;
export const UPLOAD_BODY_BYTES: number;

export function bodyLimitFor(
  method: string | undefined,
  path: string,
  contentType: string | null | undefined,
  base?: number,
): number;

export function normalizeSocketAddress(address: string | undefined): string;

export function forwardedChain(
  incoming: string | string[] | undefined,
  socketAddress: string | undefined,
  hops: number,
): string;

export function rewriteForwarding(req: IncomingMessage, hops: number): void;

export function refuseTooLarge(req: IncomingMessage, res: ServerResponse, limit: number): void;

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export function createRequestListener(
  handle: (req: IncomingMessage, res: ServerResponse) => unknown,
  options: { trustedProxyHops: number; maxBodyBytes?: number },
): RequestListener;

export function createCheckContinueListener(
  requestListener: RequestListener,
  options: { maxBodyBytes?: number },
): RequestListener;
