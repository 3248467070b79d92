import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { PlannedPanel } from "@/components/ui/planned";
import { requirePageCapability } from "@/lib/auth/session";

export const metadata: Metadata = { title: "ROI" };

export default async function Page() {
  await requirePageCapability("metrics:read");
  return (
    <>
      <PageHeader title="ROI" description="Deflected calls × (phone cost − digital cost), month by month." />
      <PlannedPanel>The ROI view arrives with the metrics API.</PlannedPanel>
    </>
  );
}
