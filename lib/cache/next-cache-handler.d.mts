// Types for next-cache-handler.mjs (plain JavaScript, loaded by Next.js at run time).
export interface CacheHandlerOptions {
  fs?: unknown;
  dev?: boolean;
  flushToDisk?: boolean;
  serverDistDir?: string;
  maxMemoryCacheSize?: number;
  revalidatedTags?: string[];
  _requestHeaders?: Record<string, string | string[] | undefined>;
}

export interface CacheEntry {
  lastModified?: number;
  value: { kind: string; headers?: Record<string, unknown>; [field: string]: unknown } | null;
}

export interface CacheContext {
  kind: string;
  tags?: string[];
  softTags?: string[];
  [field: string]: unknown;
}

export function tagsOf(data: CacheEntry | null, ctx?: CacheContext): string[];

export default class SharedTagsCacheHandler {
  constructor(options: CacheHandlerOptions);
  get(key: string, ctx: CacheContext): Promise<CacheEntry | null>;
  set(key: string, data: CacheEntry["value"], ctx: Record<string, unknown>): Promise<void>;
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
}
