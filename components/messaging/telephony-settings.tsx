import "server-only";
import { getDb } from "@/db";
import { telephonyConfig } from "@/db/queries/messaging";
import { getTelephonySettings } from "@/db/queries/settings";
import { TelephonySettingsForm } from "./telephony-settings-form";

/**
 * The telephony card of the settings page (an admin's page: requirePageCapability ran before it).
 * Reads its own settings, so the page only places it.
 */
export async function TelephonySettings({ workspaceId }: { workspaceId: string }) {
  const db = await getDb();
  const [settings, config] = await Promise.all([getTelephonySettings(db, workspaceId), telephonyConfig(db, workspaceId)]);
  if (!settings || !config) return null;
  const webhookBase = settings.publicUrl ? `${settings.publicUrl}/api/runtime/twilio/${encodeURIComponent(workspaceId)}` : null;
  return <TelephonySettingsForm settings={settings} webhookBase={webhookBase} chatTokenKey={config.chatTokenSecret} />;
}
