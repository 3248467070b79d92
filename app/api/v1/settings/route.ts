import { updateSettings } from "@/db/queries/settings";
import { settingsOf } from "@/lib/api/metrics";
import { actorOf, apiRoute, parseWith, readJson } from "@/lib/api/route";
import { settingsPatchSchema } from "@/lib/settings/schema";

export const GET = apiRoute("metrics:read", async ({ db, principal }) => settingsOf(db, principal.workspaceId));

/** Needs the admin role or an API key with settings:write; changes only the fields it names. */
export const PATCH = apiRoute("settings:write", async ({ request, db, principal }) => {
  const patch = parseWith(settingsPatchSchema, await readJson(request, 256 * 1024));
  await settingsOf(db, principal.workspaceId);
  return updateSettings(db, principal.workspaceId, patch, actorOf(principal));
});
