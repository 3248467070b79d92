import { getRoi } from "@/db/queries/metrics";
import { parseQuery, settingsOf } from "@/lib/api/metrics";
import { apiRoute } from "@/lib/api/route";
import { roiQuery } from "@/lib/metrics/params";

export const GET = apiRoute("metrics:read", async ({ request, db, principal }) => {
  const query = parseQuery(roiQuery, request.nextUrl);
  return getRoi(db, principal.workspaceId, await settingsOf(db, principal.workspaceId), query);
});
