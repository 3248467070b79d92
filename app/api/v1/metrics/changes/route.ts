import { listConfigChanges } from "@/db/queries/changes";
import { parseQuery, settingsOf } from "@/lib/api/metrics";
import { apiRoute, principalAllows } from "@/lib/api/route";
import { changesQuery } from "@/lib/metrics/params";

/** Publishes and roll-backs of the period, for the trend charts' markers; who made them only for those who may read the audit log. */
export const GET = apiRoute("metrics:read", async ({ request, db, principal }) => {
  const query = parseQuery(changesQuery, request.nextUrl);
  const settings = await settingsOf(db, principal.workspaceId);
  return { items: await listConfigChanges(db, principal.workspaceId, settings.timeZone, query, principalAllows(principal, "config:read")) };
});
