import { AppError } from "@/lib/errors";
import { checkRateLimit, type LimitResult } from "./rate-limiter";

export interface WriteLimits {
  /** The refusal, or null when the write may go on. */
  refused: LimitResult | null;
  /** The tighter of the two limits, for the RateLimit headers of an allowed write. */
  current: LimitResult;
}

/**
 * Public writes (posts, comments, votes, reports) per user and per client address. These
 * policies fail open: while Redis is away the limits hold per instance.
 */
export async function checkWriteLimits(userId: string, ip: string): Promise<WriteLimits> {
  // Both checks in one round of waiting; each counts the request, as two sequential ones would.
  const [byUser, byIp] = await Promise.all([
    checkRateLimit("public:write:user", userId),
    checkRateLimit("public:write:ip", ip),
  ]);
  const refused = !byUser.success ? byUser : !byIp.success ? byIp : null;
  return { refused, current: refused ?? (byIp.remaining < byUser.remaining ? byIp : byUser) };
}

export async function assertWithinWriteLimits(userId: string, ip: string): Promise<void> {
  const { refused } = await checkWriteLimits(userId, ip);
  if (refused) {
    const seconds = Math.max(1, Math.ceil((refused.reset - Date.now()) / 1000));
    throw new AppError(
      "rate_limited",
      `You're doing that too often. Try again in ${seconds} seconds.`,
    );
  }
}
