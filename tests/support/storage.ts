// Storage test harness: the Storage stand-in on a temporary folder, the app's env pointed at it
// (the real supabase-js client talks to it), and a clock the stand-in's signed URLs expire by.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { env } from "@/lib/env";
import { resetStorageClient } from "@/lib/storage/client";
import { resetBucketCheck } from "@/lib/storage/objects";
import { startStorageStandIn, type StorageStandIn } from "@/scripts/lib/storage-stand-in";

const mutableEnv = env as { -readonly [K in keyof typeof env]: (typeof env)[K] };

export interface StorageHarness {
  standIn: StorageStandIn;
  root: string;
  /** Move the stand-in's clock (signed-URL expiry) forward. */
  advance(ms: number): void;
  close(): Promise<void>;
}

/** Point the storage module at a server (the stand-in, or a real project). */
export function pointStorageAt(url: string, key: string): void {
  mutableEnv.SUPABASE_URL = url;
  mutableEnv.SUPABASE_SERVICE_ROLE_KEY = key;
  resetStorageClient();
  resetBucketCheck();
}

export async function startStorageHarness(): Promise<StorageHarness> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "problemboard-storage-"));
  let offset = 0;
  const standIn = await startStorageStandIn({ root, now: () => Date.now() + offset });
  pointStorageAt(standIn.url, standIn.serviceKey);
  return {
    standIn,
    root,
    advance: (ms) => {
      offset += ms;
    },
    close: async () => {
      await standIn.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
