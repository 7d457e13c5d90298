import { asc } from "drizzle-orm";
import { db, type Database } from "@/lib/db";
import { auditLog } from "@/lib/db/schema";
import { chainPage, GENESIS_HASH, hashAuditRow } from "./chain";

export type AuditBreakReason = "edited" | "link_broken";

/** The first row where a chain stops holding. */
export interface AuditBreak {
  workspaceId: string | null;
  id: string;
  seq: number;
  reason: AuditBreakReason;
  message: string;
}

export interface ChainReport {
  /** null for the global chain (account-level events). */
  workspaceId: string | null;
  ok: boolean;
  /** Rows checked (up to and including the break). */
  rows: number;
  /** The hash of the newest row checked: note it somewhere else to detect a truncated tail later. */
  head: string;
  broken: AuditBreak | null;
}

const PAGE = 1000;

/**
 * Recompute one chain in append order. A row whose content no longer gives its hash was edited;
 * a row whose prev_hash is not the previous row's hash has a row missing before it, or the rows
 * were reordered or one was slipped in. Reports the first broken row.
 */
export async function verifyAuditChain(
  workspaceId: string | null,
  executor: Database = db,
): Promise<ChainReport> {
  let expectedPrev = GENESIS_HASH;
  let afterSeq = 0;
  let rows = 0;
  for (;;) {
    const page = await chainPage(executor, workspaceId, afterSeq, PAGE);
    for (const row of page) {
      rows += 1;
      const fail = (reason: AuditBreakReason, message: string): ChainReport => ({
        workspaceId,
        ok: false,
        rows,
        head: expectedPrev,
        broken: { workspaceId, id: row.id, seq: row.seq, reason, message },
      });
      if (hashAuditRow(row.prevHash, row) !== row.hash) {
        return fail("edited", "Its content no longer matches its hash: the row was edited.");
      }
      if (row.prevHash !== expectedPrev) {
        return fail(
          "link_broken",
          expectedPrev === GENESIS_HASH
            ? "It should start the chain but follows another row: rows before it were deleted."
            : "It does not follow the row before it: a row was deleted, inserted or moved here.",
        );
      }
      expectedPrev = row.hash;
      afterSeq = row.seq;
    }
    if (page.length < PAGE) break;
  }
  return { workspaceId, ok: true, rows, head: expectedPrev, broken: null };
}

/** Verify every chain: the global one and each workspace's. */
export async function verifyAll(
  executor: Database = db,
): Promise<{ ok: boolean; rows: number; chains: ChainReport[] }> {
  const chains = await executor
    .selectDistinct({ workspaceId: auditLog.workspaceId })
    .from(auditLog)
    .orderBy(asc(auditLog.workspaceId));
  const reports: ChainReport[] = [];
  for (const { workspaceId } of chains) {
    reports.push(await verifyAuditChain(workspaceId, executor));
  }
  return {
    ok: reports.every((report) => report.ok),
    rows: reports.reduce((sum, report) => sum + report.rows, 0),
    chains: reports,
  };
}
