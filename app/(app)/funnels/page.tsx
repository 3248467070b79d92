import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { PlannedPanel } from "@/components/ui/planned";
import { requirePageCapability } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Funnels" };

export default async function Page() {
  await requirePageCapability("metrics:read");
  return (
    <>
      <PageHeader title="Funnels" description="Each intervention point from offer to confirmed deflection, with bounce-backs beside the successes." />
      <PlannedPanel>The funnel view arrives with the metrics API.</PlannedPanel>
    </>
  );
}
