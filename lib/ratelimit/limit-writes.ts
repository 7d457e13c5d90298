import { AppError } from "@/lib/errors";
import { checkRateLimit, type LimitResult } from "./rate-limiter";

/**
 * Public writes (posts, comments, votes, reports) per user and per client address. These
 * policies fail open: while Redis is away the limits hold per instance. Returns the refusal.
 */
export async function checkWriteLimits(userId: string, ip: string): Promise<LimitResult | null> {
  // Both checks in one round of waiting; each counts the request, as two sequential ones would.
  const [byUser, byIp] = await Promise.all([
    checkRateLimit("public:write:user", userId),
    checkRateLimit("public:write:ip", ip),
  ]);
  if (!byUser.success) return byUser;
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
