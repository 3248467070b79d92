import { type Db, postgresClientOf } from "@/db";
import { scheduleDerivation } from "@/db/queries/background";
import { ingestEventInputs, ingestEvents, ingestPrepared } from "@/db/queries/events";
import { apiRoute, parseJsonBytes, parseWith, readJsonBytes } from "@/lib/api/route";
import { prepareOffThread } from "@/lib/events/off-thread";
import { MAX_BATCH_BYTES, type StoredEvent, eventBatchSchema, plainStoredEvents, toStoredEvent } from "@/lib/events/schema";

/** Built once: zod compiles a schema's parser on first use. */
const batchSchema = eventBatchSchema();

/**
 * Ingests a batch: validated whole, stored whole or not at all, acknowledged only once committed.
 * On a PostgreSQL server an ingest worker prepares a plainly valid batch (docs/adr/020); any
 * other batch is judged here, by the fast check or else by the zod schema, which names the index
 * and field of every problem (docs/adr/019).
 */
export const POST = apiRoute("events:import", async ({ request, db, principal }) => {
  const bytes = await readJsonBytes(request, MAX_BATCH_BYTES);
  const now = Date.now();
  const { workspaceId } = principal;
  const prepared = postgresClientOf(db) ? await prepareOffThread(bytes, workspaceId, now) : null;
  const result = prepared ? await ingestPrepared(db, workspaceId, prepared, () => judgePlain(bytes, now)) : await judgeAndIngest(db, workspaceId, bytes, now);
  if (result.accepted > 0) scheduleDerivation(db, workspaceId);
  return result;
});

/**
 * The fast check, else the zod schema, which names every problem (400 or 422) or accepts the
 * batch; events with a `customerPhone` are keyed with the workspace's secret on their way in.
 */
function judgeAndIngest(db: Db, workspaceId: string, bytes: Uint8Array, now: number) {
  const body = parseJsonBytes(bytes);
  const plain = plainStoredEvents(body, now);
  return plain ? ingestEvents(db, workspaceId, plain) : ingestEventInputs(db, workspaceId, parseWith(batchSchema, body, "events").events);
}

/** The stored events of a body the ingest worker found plainly valid (so without customerPhone). */
function judgePlain(bytes: Uint8Array, now: number): StoredEvent[] {
  const body = parseJsonBytes(bytes);
  return plainStoredEvents(body, now) ?? parseWith(batchSchema, body, "events").events.map((event) => toStoredEvent(event));
}

