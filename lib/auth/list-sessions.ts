import { desc, eq } from "drizzle-orm";
import { db } from "@/lib/db";
import { sessions } from "@/lib/db/schema";
import type { Principal } from "./principal";

export interface SessionSummary {
  id: string;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: Date;
}

/** The principal's own active sessions, newest first (never anyone else's). */
export async function listSessions(principal: Principal): Promise<SessionSummary[]> {
  return db
    .select({
      id: sessions.id,
      userAgent: sessions.userAgent,
      ipAddress: sessions.ipAddress,
      createdAt: sessions.createdAt,
    })
    .from(sessions)
    .where(eq(sessions.userId, principal.userId))
    .orderBy(desc(sessions.createdAt));
}
