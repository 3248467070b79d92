import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { getNetSavingsCosts, getSettings } from "@/db/queries/settings";
import { listCallTypes } from "@/db/queries/workspaces";
import { TelephonySettings } from "@/components/messaging/telephony-settings";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageCapability } from "@/lib/auth/session";
import { PhoneCostOverrides, SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Workspace settings" };

export default async function SettingsPage() {
  const user = await requirePageCapability("settings:write");
  const db = await getDb();
  const [settings, callTypes, costs] = await Promise.all([getSettings(db, user.workspaceId), listCallTypes(db, user.workspaceId), getNetSavingsCosts(db, user.workspaceId)]);
  if (!settings || !costs) notFound();
  return (
    <>
      <PageHeader
        title="Workspace settings"
        description="The assumptions every number in Switchboard uses: the time zone that defines days and months, the attribution window that confirms a deflection, and the costs behind savings."
      />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <SettingsForm settings={settings} costs={costs} timeZones={Intl.supportedValuesOf("timeZone")} />
        <PhoneCostOverrides
          currency={settings.currency}
          defaultCost={settings.phoneCost}
          callTypes={callTypes.map((c) => ({ slug: c.slug, name: c.name, phoneCost: c.phoneCost === null ? null : Number(c.phoneCost) }))}
        />
      </div>
      <div className="mt-6">
        <TelephonySettings workspaceId={user.workspaceId} />
      </div>
    </>
  );
}
