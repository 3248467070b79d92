import type { Metadata } from "next";
import { getDb } from "@/db";
import { getSettings } from "@/db/queries/settings";
import { ImportWizard } from "@/components/import/import-wizard";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageCapability } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Import events" };

export default async function ImportPage() {
  const user = await requirePageCapability("events:import");
  const settings = await getSettings(await getDb(), user.workspaceId);
  const workspaceTimeZone = settings?.timeZone ?? "UTC";
  const timeZones = [...new Set(["UTC", workspaceTimeZone, ...Intl.supportedValuesOf("timeZone")])];
  return (
    <>
      <PageHeader
        title="Import events"
        description="Upload a call log or an event file. Rows are checked in your browser with the same rules as the events API, and importing a file twice changes nothing."
      />
      <ImportWizard workspaceName={user.workspaceName} workspaceTimeZone={workspaceTimeZone} timeZones={timeZones} />
    </>
  );
}
