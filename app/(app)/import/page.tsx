import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { PlannedPanel } from "@/components/ui/planned";
import { requirePageCapability } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Import events" };

export default async function Page() {
  await requirePageCapability("events:import");
  return (
    <>
      <PageHeader title="Import events" description="Upload a call log or an event file; the same validation and idempotency as the API." />
      <PlannedPanel>CSV import arrives with the events feature.</PlannedPanel>
    </>
  );
}
