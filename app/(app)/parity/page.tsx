import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { PlannedPanel } from "@/components/ui/planned";
import { requirePageCapability } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Knowledge parity" };

export default async function Page() {
  await requirePageCapability("metrics:read");
  return (
    <>
      <PageHeader title="Knowledge parity" description="Call types that reach agents but the bot cannot resolve, ranked by what fixing them is worth." />
      <PlannedPanel>The parity table arrives with the metrics API.</PlannedPanel>
    </>
  );
}
