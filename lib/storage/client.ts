// No `server-only` here: scripts (npm run jobs, backup, restore) load this module outside Next.js
// (the job handlers delete files; backups go to storage). The service role key never reaches a
// browser: it is read through lib/env, which client bundles cannot read.
import type { SupabaseClient } from "@supabase/supabase-js";
import WebSocket from "ws";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/**
 * The one Supabase client the storage module uses: the real `@supabase/supabase-js`, pointed at
 * SUPABASE_URL with the service role key (server only; never sent to a browser). Locally and in
 * tests SUPABASE_URL is the Storage stand-in that `npm run dev` starts (scripts/lib/
 * storage-stand-in.ts); the code path is the same.
 */

let client: Promise<SupabaseClient> | null = null;

const NODE20_NOTICE = "Node.js 20 and below are deprecated";

/**
 * supabase-js prints a Node 20 deprecation notice when its module loads; it says nothing about
 * our use (Storage over fetch) and would repeat in every worker's log. Load it once with that one
 * line filtered out; every other warning passes through.
 */
async function loadSupabase() {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].includes(NODE20_NOTICE)) return;
    warn(...args);
  };
  try {
    return await import("@supabase/supabase-js");
  } finally {
    console.warn = warn;
  }
}

/** Whether storage is configured (SUPABASE_URL and its key). */
export function storageConfigured(): boolean {
  return Boolean(env.SUPABASE_URL && env.SUPABASE_SERVICE_ROLE_KEY);
}

export async function getSupabase(): Promise<SupabaseClient> {
  if (!env.SUPABASE_URL || !env.SUPABASE_SERVICE_ROLE_KEY) {
    throw new AppError(
      "unavailable",
      "File storage is not configured (SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY; `npm run dev` starts a local stand-in).",
    );
  }
  const url = env.SUPABASE_URL;
  const key = env.SUPABASE_SERVICE_ROLE_KEY;
  client ??= loadSupabase().then(({ createClient }) =>
    createClient(url, key, {
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
      // Node 20 has no global WebSocket; Storage never opens one, but the client is built whole.
      realtime: { transport: WebSocket as never },
      global: { headers: { "x-client-info": "problemboard-storage" } },
    }),
  );
  return client;
}

/** Forget the client (tests point SUPABASE_URL at another server). */
export function resetStorageClient(): void {
  client = null;
}
