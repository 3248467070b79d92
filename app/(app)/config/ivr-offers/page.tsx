import { PhoneForwarded } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { Badge, ReadOnlyNotice, StatusBadges } from "@/components/config/badges";
import { EmptyState, ListSkeleton, NewButton } from "@/components/config/list-parts";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { keyConflictProblems, withChange } from "@/lib/config/checks";
import { describeOfferConditions } from "@/lib/config/describe";
import { configPath } from "@/lib/config/labels";
import { INTERVENTION_POINT_NAMES } from "@/lib/domain";
import { configPage } from "../context";
import { editorData } from "../editor-data";

export const metadata: Metadata = { title: "IVR offers" };

type Context = Awaited<ReturnType<typeof configPage>>;

export default async function IvrOffersPage() {
  const context = await configPage();
  return (
    <>
      <PageHeader
        title="IVR offers"
        description="What callers hear in the IVR, in the queue and after the call: press a key, get a text with a link to the chat assistant. Two enabled offers that can meet on one call never share a key."
        actions={context.canEdit ? <NewButton href="/config/ivr-offers/new" label="New offer" /> : null}
      />
      {context.canEdit ? null : <ReadOnlyNotice />}
      <Suspense fallback={<ListSkeleton />}>
        <OfferList context={context} />
      </Suspense>
    </>
  );
}

async function OfferList({ context }: { context: Context }) {
  const { db, user, canEdit, when } = context;
  const data = await editorData(db, user.workspaceId);
  if (data.offers.length === 0) {
    return (
      <EmptyState icon={<PhoneForwarded className="size-5" aria-hidden />} title="No IVR offers yet" action={canEdit ? { href: "/config/ivr-offers/new", label: "New offer" } : undefined}>
        An offer invites a caller to press a key and get the chat link by SMS. Publish an SMS template first, then create the offer that sends it.
      </EmptyState>
    );
  }
  return (
    <Card>
      <CardHeader title={`${data.offers.length} offer${data.offers.length === 1 ? "" : "s"}`} description="What each offer does as it is live now; drafts are marked." />
      <ul className="divide-y divide-line">
        {data.offers.map((offer) => {
          const shown = offer.published ?? offer.fields;
          const conditions = describeOfferConditions(shown.conditions, data.callTypeNames);
          const conflicts = offer.publishedVersion !== offer.version ? keyConflictProblems(withChange(data.liveOffers, offer.id, offer.fields), offer.id) : [];
          return (
            <li key={offer.id} className="grid gap-3 px-5 py-4 md:grid-cols-[3rem_minmax(0,1fr)_12rem_11rem] md:items-center">
              <span className={`grid size-10 place-items-center rounded-full border text-base font-semibold ${shown.enabled ? "border-brand text-brand" : "border-line-strong text-faint"}`} aria-label={`Key ${shown.dtmfKey}`}>
                {shown.dtmfKey}
              </span>
              <div className="min-w-0">
                <Link href={configPath("ivr_offer", offer.id)} className="font-medium text-ink hover:text-brand hover:underline">
                  {offer.fields.name}
                </Link>
                <p className="mt-0.5 text-xs text-muted">
                  {INTERVENTION_POINT_NAMES[shown.point]} · sends “{data.templateNames[shown.smsTemplateId] ?? "a deleted template"}” · {shown.holdoutPercent}% holdout
                </p>
                <p className="mt-1 flex flex-wrap gap-1">
                  {conditions.length === 0 ? <Badge>Every call</Badge> : conditions.map((condition) => (
                        <Badge key={condition} className="whitespace-normal">
                          {condition}
                        </Badge>
                      ))}
                </p>
                {conflicts.length > 0 ? <p className="mt-1 text-xs text-warn">The draft’s key clashes with a live offer: it cannot be published as is.</p> : null}
              </div>
              <div>
                <StatusBadges version={offer.version} publishedVersion={offer.publishedVersion} enabled={shown.enabled} />
              </div>
              <p className="text-xs text-muted md:text-right">
                {offer.updatedBy}
                <br />
                {when(offer.updatedAt)}
              </p>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
