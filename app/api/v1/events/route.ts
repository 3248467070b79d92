import { scheduleDerivation } from "@/db/queries/derive";
import { ingestEvents } from "@/db/queries/events";
import { apiRoute, parseWith, readJson } from "@/lib/api/route";
import { MAX_BATCH_BYTES, eventBatchSchema, toStoredEvent } from "@/lib/events/schema";

/** Ingests a batch: validated whole, stored whole or not at all, acknowledged only once committed. */
export const POST = apiRoute("events:import", async ({ request, db, principal }) => {
  const body = await readJson(request, MAX_BATCH_BYTES);
  const batch = parseWith(eventBatchSchema(), body, "events");
  const result = await ingestEvents(db, principal.workspaceId, batch.events.map(toStoredEvent));
  if (result.accepted > 0) scheduleDerivation(db, principal.workspaceId);
  return result;
});
