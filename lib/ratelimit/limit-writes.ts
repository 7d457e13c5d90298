import { AppError } from "@/lib/errors";
import { checkRateLimit, type LimitResult } from "./rate-limiter";

/**
 * Public writes (posts, comments, votes, reports) per user and per client address. These
 * policies fail open: while Redis is away the limits hold per instance. Returns the refusal.
 */
export async function checkWriteLimits(userId: string, ip: string): Promise<LimitResult | null> {
  const byUser = await checkRateLimit("public:write:user", userId);
  if (!byUser.success) return byUser;
  const byIp = await checkRateLimit("public:write:ip", ip);
  return byIp.success ? null : byIp;
}

export async function assertWithinWriteLimits(userId: string, ip: string): Promise<void> {
  const refused = await checkWriteLimits(userId, ip);
  if (refused) {
    const seconds = Math.max(1, Math.ceil((refused.reset - Date.now()) / 1000));
    throw new AppError(
      "rate_limited",
      `You're doing that too often. Try again in ${seconds} seconds.`,
    );
  }
}
