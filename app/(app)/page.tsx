import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { PlannedPanel } from "@/components/ui/planned";
import { requirePageCapability } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const user = await requirePageCapability("metrics:read");
  return (
    <>
      <PageHeader title="Overview" description={`How deflection is doing at ${user.workspaceName}.`} />
      <PlannedPanel>The overview arrives with the metrics API.</PlannedPanel>
    </>
  );
}
