import { and, desc, eq, gt } from "drizzle-orm";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { sessions } from "@/lib/db/schema";
import type { Principal } from "./principal";

export interface SessionSummary {
  id: string;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: Date;
}

/** The principal's own active (unexpired) sessions, newest first (never anyone else's). */
export async function listSessions(principal: Principal): Promise<SessionSummary[]> {
  return db
    .select({
      id: sessions.id,
      userAgent: sessions.userAgent,
      ipAddress: sessions.ipAddress,
      createdAt: sessions.createdAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, principal.userId), gt(sessions.expiresAt, now())))
    .orderBy(desc(sessions.createdAt));
}
