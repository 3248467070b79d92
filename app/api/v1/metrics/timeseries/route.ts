import { getTimeseries } from "@/db/queries/metrics";
import { parseQuery, settingsOf } from "@/lib/api/metrics";
import { apiRoute } from "@/lib/api/route";
import { timeseriesQuery } from "@/lib/metrics/params";

export const GET = apiRoute("metrics:read", async ({ request, db, principal }) => {
  const query = parseQuery(timeseriesQuery, request.nextUrl);
  return getTimeseries(db, principal.workspaceId, await settingsOf(db, principal.workspaceId), query);
});
