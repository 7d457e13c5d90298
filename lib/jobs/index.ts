export { enqueue, type EnqueueOptions } from "./enqueue";
export { PermanentJobError, RetryableJobError, type JobName, type JobPayloads } from "./types";
