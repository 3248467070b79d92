import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { PlannedPanel } from "@/components/ui/planned";
import { requirePageCapability } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Audit log" };

export default async function Page() {
  await requirePageCapability("config:read");
  return (
    <>
      <PageHeader title="Audit log" description="Every change: who, when, what, before and after." />
      <PlannedPanel>The audit log view arrives with the configuration feature.</PlannedPanel>
    </>
  );
}
