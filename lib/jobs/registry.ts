import type { Job } from "@/lib/db/schema";
import type { JobName, JobPayloads } from "./types";

export interface JobContext {
  job: Pick<Job, "id" | "name" | "attempts" | "maxAttempts" | "requestId">;
  /** Aborted when the run exceeds its timeout; pass it to fetches. */
  signal: AbortSignal;
}

export type JobHandler<N extends JobName> = (
  payload: JobPayloads[N],
  context: JobContext,
) => Promise<void>;

type AnyHandler = (payload: unknown, context: JobContext) => Promise<void>;

const handlers = new Map<string, AnyHandler>();

/** Register the code that runs a job. One handler per name; registering twice is a bug. */
export function defineJob<N extends JobName>(name: N, handler: JobHandler<N>): void {
  if (handlers.has(name) && handlers.get(name) !== handler) {
    throw new Error(`Job "${name}" already has a handler`);
  }
  handlers.set(name, handler as AnyHandler);
}

export function handlerFor(name: string): AnyHandler | undefined {
  return handlers.get(name);
}
