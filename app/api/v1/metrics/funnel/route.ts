import { getFunnel } from "@/db/queries/metrics";
import { parseQuery, settingsOf } from "@/lib/api/metrics";
import { apiRoute } from "@/lib/api/route";
import { funnelQuery } from "@/lib/metrics/params";

export const GET = apiRoute("metrics:read", async ({ request, db, principal }) => {
  const query = parseQuery(funnelQuery, request.nextUrl);
  return getFunnel(db, principal.workspaceId, await settingsOf(db, principal.workspaceId), query);
});
