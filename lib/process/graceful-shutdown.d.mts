// Types for graceful-shutdown.mjs (plain JavaScript, run by scripts/serve.mjs outside Next.js).
import type { Server } from "node:http";

export const DRAIN_TIMEOUT_MS: number;

export function onShutdown(hook: () => Promise<void> | void): () => void;

export function runShutdownHooks(timeoutMs: number): Promise<void>;

export interface Drain {
  readonly active: number;
  drain(options?: { timeoutMs?: number }): Promise<{ timedOut: boolean; abandoned: number }>;
}

export function createDrain(server: Server): Drain;

export function onSupervisorGone(stop: () => void): void;
