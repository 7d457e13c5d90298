import { db, type Database, type Transaction } from "@/lib/db";
import { jobs } from "@/lib/db/schema";
import { createId } from "@/lib/ids";
import { retryPolicy, type JobName, type JobPayloads } from "./types";
import { notifyEnqueued } from "./wake";
import { now as clockNow } from "@/lib/clock";

export interface EnqueueOptions {
  /** Write the job in the caller's transaction: it exists exactly when the change commits. */
  tx?: Transaction | Database;
  runAt?: Date;
  /** Jobs sharing this key run one at a time, in enqueue order (per recipient, per customer). */
  orderingKey?: string;
  /** A second enqueue with a key already used is a no-op (returns `null`). */
  singletonKey?: string;
  requestId?: string;
  maxAttempts?: number;
}

/** Add a job to the durable queue. Returns its id, or null when the singleton key was taken. */
export async function enqueue<N extends JobName>(
  name: N,
  payload: JobPayloads[N],
  options: EnqueueOptions = {},
): Promise<string | null> {
  const id = createId("job");
  const rows = await (options.tx ?? db)
    .insert(jobs)
    .values({
      id,
      name,
      payload,
      orderingKey: options.orderingKey,
      singletonKey: options.singletonKey,
      maxAttempts: options.maxAttempts ?? retryPolicy(name).maxAttempts,
      runAt: options.runAt ?? clockNow(),
      requestId: options.requestId,
    })
    .onConflictDoNothing({ target: jobs.singletonKey })
    .returning({ id: jobs.id });
  if (rows.length === 0) return null;
  notifyEnqueued();
  return id;
}
