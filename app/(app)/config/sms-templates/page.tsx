import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { PlannedPanel } from "@/components/ui/planned";
import { requirePageCapability } from "@/lib/auth/session";

export const metadata: Metadata = { title: "SMS templates" };

export default async function Page() {
  await requirePageCapability("config:read");
  return (
    <>
      <PageHeader title="SMS templates" description="The messages that carry the chat link, with their encoding and segment count." />
      <PlannedPanel>The template editor arrives with the configuration feature.</PlannedPanel>
    </>
  );
}
