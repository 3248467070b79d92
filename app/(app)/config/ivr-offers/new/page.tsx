import type { Metadata } from "next";
import Link from "next/link";
import { IvrOfferEditor } from "@/components/config/ivr-offer-editor";
import { NEW_IVR_OFFER } from "@/lib/config/defaults";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { configPage } from "../../context";
import { editorData } from "../../editor-data";

export const metadata: Metadata = { title: "New IVR offer" };

export default async function NewIvrOfferPage() {
  const { db, user, timeZone } = await configPage("config:write");
  const data = await editorData(db, user.workspaceId);
  const usedKeys = new Set(data.liveOffers.filter((offer) => offer.fields.enabled && offer.fields.point === "ivr_offer").map((offer) => offer.fields.dtmfKey));
  const freeKey = (["2", "3", "4", "5", "6", "7", "8", "9", "1", "0"] as const).find((key) => !usedKeys.has(key)) ?? "2";
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/config/ivr-offers" className="text-muted hover:text-brand">
          ← IVR offers
        </Link>
      </p>
      <PageHeader title="New IVR offer" description="Saved as a draft; callers hear it only once you publish it." />
      <Card>
        <IvrOfferEditor
          baseline={{ ...NEW_IVR_OFFER, dtmfKey: freeKey, prompt: NEW_IVR_OFFER.prompt.replace("press 2", `press ${freeKey}`), smsTemplateId: data.templates[0]?.id ?? "" }}
          readOnly={false}
          templates={data.templates}
          callTypes={data.callTypes}
          queues={data.queues}
          liveOffers={data.liveOffers}
          timeZone={timeZone}
        />
      </Card>
    </>
  );
}
