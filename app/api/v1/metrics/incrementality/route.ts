import { getIncrementality } from "@/db/queries/incrementality";
import { parseQuery, settingsOf } from "@/lib/api/metrics";
import { apiRoute } from "@/lib/api/route";
import { incrementalityQuery } from "@/lib/metrics/params";

export const GET = apiRoute("metrics:read", async ({ request, db, principal }) => {
  const query = parseQuery(incrementalityQuery, request.nextUrl);
  return getIncrementality(db, principal.workspaceId, await settingsOf(db, principal.workspaceId), query);
});
