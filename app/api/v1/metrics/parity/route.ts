import { getParity } from "@/db/queries/metrics";
import { parseQuery, settingsOf } from "@/lib/api/metrics";
import { apiRoute } from "@/lib/api/route";
import { parityQuery } from "@/lib/metrics/params";

export const GET = apiRoute("metrics:read", async ({ request, db, principal }) => {
  const query = parseQuery(parityQuery, request.nextUrl);
  return getParity(db, principal.workspaceId, await settingsOf(db, principal.workspaceId), query);
});
