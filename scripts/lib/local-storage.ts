// File storage for `npm run dev` / `npm start` (scripts/run.ts) when SUPABASE_URL is not set: the
// local Storage stand-in, started in the launcher process (never inside Next.js), keeping files
// under .data/storage (or a throwaway folder with --fresh-database). See docs/storage.md.
import { startStorageStandIn } from "./storage-stand-in";

export type LocalStorage = {
  /** One line for the launcher's banner: where files go. */
  summary: string;
  /** Variables for the Next.js child (empty when nothing was started). */
  env: Record<string, string>;
  stop(): Promise<void>;
};

const isLoopback = (url: string) => {
  if (!URL.canParse(url)) return false;
  const host = new URL(url).hostname;
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
};

const nothing = async () => {};

export async function startLocalStorage(options: {
  appUrl: string;
  env: Record<string, string | undefined>;
  root: string;
}): Promise<LocalStorage> {
  const { env, appUrl } = options;
  if (env.SUPABASE_URL) {
    return { summary: `Supabase Storage at ${env.SUPABASE_URL}`, env: {}, stop: nothing };
  }
  if (env.NODE_ENV === "production" || !isLoopback(appUrl)) {
    return {
      summary:
        "not configured (no SUPABASE_URL; the local Storage stand-in only runs for a loopback APP_URL outside production) — attachments are off",
      env: {},
      stop: nothing,
    };
  }
  const port = Number(env.STORAGE_STAND_IN_PORT || "0");
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(
      `STORAGE_STAND_IN_PORT must be a port number (0-65535), got "${env.STORAGE_STAND_IN_PORT}"`,
    );
  }
  const standIn = await startStorageStandIn({ root: options.root, port });
  return {
    summary: `local Storage stand-in at ${standIn.url} (files in ${options.root})`,
    env: { SUPABASE_URL: standIn.url, SUPABASE_SERVICE_ROLE_KEY: standIn.serviceKey },
    stop: () => standIn.close(),
  };
}
