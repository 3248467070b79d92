import type { Db } from "@/db";
import { getNetSavingsCosts, getTelephonySettings, updateSettings } from "@/db/queries/settings";
import { settingsOf } from "@/lib/api/metrics";
import { actorOf, apiRoute, parseWith, readJson } from "@/lib/api/route";
import { settingsPatchSchema } from "@/lib/settings/schema";

/** The metric settings, the net-savings costs (docs/adr/026) and the telephony ones (docs/adr/025); the Twilio auth token only as `twilioAuthTokenSet`. */
async function shownSettings(db: Db, workspaceId: string) {
  return { ...(await settingsOf(db, workspaceId)), ...(await getNetSavingsCosts(db, workspaceId)), ...(await getTelephonySettings(db, workspaceId)) };
}

export const GET = apiRoute("metrics:read", async ({ db, principal }) => shownSettings(db, principal.workspaceId));

/** Needs the admin role or an API key with settings:write; changes only the fields it names. */
export const PATCH = apiRoute("settings:write", async ({ request, db, principal }) => {
  const patch = parseWith(settingsPatchSchema, await readJson(request, 256 * 1024));
  await settingsOf(db, principal.workspaceId);
  await updateSettings(db, principal.workspaceId, patch, actorOf(principal));
  return shownSettings(db, principal.workspaceId);
});
