import { scheduleDerivation } from "@/db/queries/background";
import { ingestEvents } from "@/db/queries/events";
import { apiRoute, parseWith, readJson } from "@/lib/api/route";
import { MAX_BATCH_BYTES, eventBatchSchema, plainStoredEvents, toStoredEvent } from "@/lib/events/schema";

/** Built once: zod compiles a schema's parser on first use. */
const batchSchema = eventBatchSchema();

/**
 * Ingests a batch: validated whole, stored whole or not at all, acknowledged only once committed.
 * A batch of plainly valid events takes the fast check; any other is judged by the zod schema,
 * which names the index and field of every problem (docs/adr/019).
 */
export const POST = apiRoute("events:import", async ({ request, db, principal }) => {
  const body = await readJson(request, MAX_BATCH_BYTES);
  const events = plainStoredEvents(body, Date.now()) ?? parseWith(batchSchema, body, "events").events.map(toStoredEvent);
  const result = await ingestEvents(db, principal.workspaceId, events);
  if (result.accepted > 0) scheduleDerivation(db, principal.workspaceId);
  return result;
});
