import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { PlannedPanel } from "@/components/ui/planned";
import { requirePageCapability } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Escalation rules" };

export default async function Page() {
  await requirePageCapability("config:read");
  return (
    <>
      <PageHeader title="Escalation rules" description="When the bot hands a customer to a human. A catch-all path to a person is always kept." />
      <PlannedPanel>The rule editor arrives with the configuration feature.</PlannedPanel>
    </>
  );
}
