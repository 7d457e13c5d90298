import { defineJob } from "@/lib/jobs/registry";
import { removeObjects } from "./objects";

// Remove files whose rows are gone. Missing files are fine (a retry after a partial success);
// storage unreachable throws, and the queue retries with backoff (lib/jobs/types.ts).
defineJob("storage.delete-objects", async ({ bucket, paths }) => {
  await removeObjects(bucket, paths);
});
