import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { PlannedPanel } from "@/components/ui/planned";
import { requirePageCapability } from "@/lib/auth/session";

export const metadata: Metadata = { title: "IVR offers" };

export default async function Page() {
  await requirePageCapability("config:read");
  return (
    <>
      <PageHeader title="IVR offers" description="What callers are offered in the IVR, the queue and after a call, and when." />
      <PlannedPanel>The IVR offer editor arrives with the configuration feature.</PlannedPanel>
    </>
  );
}
