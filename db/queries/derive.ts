import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/db";
import { recomputeBounces, recomputeJourneys, storeCalls } from "./events";
import { type QueuedCall, countCalls, markDirtyDays } from "./rollups";

/*
 * Journey derivation, behind ingest (docs/adr/002): ingest stores events and queues what they
 * touch; this drains the queue under the workspace's lock — recomputing each queued journey from
 * all of its stored events, then moving bounce-backs for queued calls — and marks the local days
 * whose rollups changed. Every read of journeys or metrics drains first, so no answer is stale.
 */

/** About this many journeys and calls are derived per transaction (at least one queued batch). */
const CHUNK = 20_000;

/**
 * A long drain refreshes the planner's statistics in its 1st, 2nd, 4th and 8th full chunk and
 * then in every 10th, right after the chunk's journeys are written (ANALYZE inside a transaction
 * counts the transaction's own new rows). After a bulk load the statistics say the workspace has
 * next to no journeys, and the planner looks each key up through journeys_offered_idx instead of
 * the primary key, reading every journey of the workspace for every key: 30 s for a chunk of
 * 20,000 instead of 50 ms. A drain of one partial chunk (a burst's tail) never analyzes.
 */
const refreshesStatistics = (chunk: number) => (chunk <= 8 && (chunk & (chunk - 1)) === 0) || chunk % 10 === 0;

export const workspaceLock = (workspaceId: string) => sql`select pg_advisory_xact_lock(hashtext(${`derive:${workspaceId}`}))`;

/** Drains the workspace's derivation queue. Returns how many queued journeys and calls it processed. */
export async function deriveJourneys(db: Db, workspaceId: string): Promise<number> {
  let processed = 0;
  let chunks = 0;
  for (;;) {
    const taken = await db.transaction(async (tx): Promise<number | null> => {
      await tx.execute(workspaceLock(workspaceId));
      const rows = await queryRows<{ journeys: string[]; calls: QueuedCall[]; size: number }>(
        tx,
        sql`delete from derive_queue q using (
              select seq from (
                select seq, sum(size) over (order by seq) - size as before
                from (select seq, size from derive_queue where workspace_id = ${workspaceId} order by seq limit 1000) first
              ) sized
              where before < ${CHUNK}
            ) next
            where q.workspace_id = ${workspaceId} and q.seq = next.seq
            returning q.journeys, q.size, (
              select coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'customer', c.customer, 'occurred_at', c.at, 'call_type', c.call_type) order by c.i), '[]')
              from unnest(q.call_ids, q.call_customers, q.call_times, q.call_types) with ordinality as c(id, customer, at, call_type, i)
            ) as calls`,
      );
      if (rows.length === 0) return null;
      const size = rows.reduce((sum, row) => sum + Number(row.size), 0);
      const journeys = [...new Set(rows.flatMap((row) => row.journeys))];
      const calls = rows.flatMap((row) => (typeof row.calls === "string" ? (JSON.parse(row.calls) as QueuedCall[]) : row.calls));
      // The new calls first, so that the journeys recomputed now find them.
      await storeCalls(tx, workspaceId, calls);
      // The days a journey belonged to before and after its recomputation both change.
      await markDirtyDays(tx, workspaceId, journeys);
      await recomputeJourneys(tx, workspaceId, journeys);
      if (size >= CHUNK && refreshesStatistics(chunks + 1)) await tx.execute(sql`analyze events, journeys, customer_calls`);
      await markDirtyDays(tx, workspaceId, journeys);
      await recomputeBounces(tx, workspaceId, calls);
      await countCalls(tx, workspaceId, calls);
      return size;
    });
    if (taken === null) return processed;
    processed += taken;
    chunks++;
  }
}

/** True when ingest has queued work that no read has drained yet. */
export async function hasPendingDerivation(db: Db, workspaceId: string): Promise<boolean> {
  const [row] = await queryRows<{ pending: boolean }>(db, sql`select exists (select 1 from derive_queue where workspace_id = ${workspaceId}) as pending`);
  return Boolean(row?.pending);
}
