import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { listConfigItems, listConfigVersions } from "@/db/queries/config";
import { ReadOnlyNotice, StatusBadges } from "@/components/config/badges";
import { ItemActions } from "@/components/config/item-actions";
import { EditorSkeleton } from "@/components/config/list-parts";
import { SmsTemplateEditor } from "@/components/config/sms-template-editor";
import { VersionHistory } from "@/components/config/version-history";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { configPath } from "@/lib/config/labels";
import { configPage, startVersion } from "../../context";

export const metadata: Metadata = { title: "SMS template" };

type Params = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SmsTemplatePage({ params, searchParams }: Params) {
  const context = await configPage();
  const [{ id }, query] = await Promise.all([params, searchParams]);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/config/sms-templates" className="text-muted hover:text-brand">
          ← SMS templates
        </Link>
      </p>
      <Suspense fallback={<EditorSkeleton />}>
        <TemplateDetail context={context} id={id} start={startVersion(query.start)} />
      </Suspense>
    </>
  );
}

async function TemplateDetail({ context, id, start }: { context: Awaited<ReturnType<typeof configPage>>; id: string; start?: number }) {
  const { db, user, canEdit, when } = context;
  const [history, offers] = await Promise.all([listConfigVersions(db, user.workspaceId, "sms_template", id), listConfigItems(db, user.workspaceId, "ivr_offer")]);
  if (!history) notFound();
  const { item, versions } = history;
  const startFrom = start !== undefined && start !== item.version ? versions.find((row) => row.version === start) : undefined;
  const usedBy = offers.filter((offer) => offer.fields.smsTemplateId === id || offer.published?.smsTemplateId === id);
  return (
    <>
      <PageHeader
        title={item.fields.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadges version={item.version} publishedVersion={item.publishedVersion} />
            <span>
              Last change by {item.updatedBy}, {when(item.updatedAt)}
            </span>
          </span>
        }
        actions={canEdit ? <ItemActions kind="sms_template" id={id} name={item.fields.name} version={item.version} publishedVersion={item.publishedVersion} /> : null}
      />
      {canEdit ? null : <ReadOnlyNotice />}
      <div className="space-y-6">
        <Card>
          <SmsTemplateEditor
            id={id}
            version={item.version}
            publishedVersion={item.publishedVersion}
            baseline={item.fields}
            initial={startFrom?.fields}
            startedFrom={startFrom?.version}
            readOnly={!canEdit}
            publishSummary={
              usedBy.length > 0
                ? `It goes live at once: ${usedBy.map((offer) => `“${offer.fields.name}”`).join(", ")} will send it from the next call.`
                : "It goes live at once, and IVR offers can then link to it."
            }
          />
        </Card>
        {usedBy.length > 0 ? (
          <Card className="px-5 py-4 text-sm">
            <p className="font-medium text-ink">Used by</p>
            <ul className="mt-2 flex flex-wrap gap-2">
              {usedBy.map((offer) => (
                <li key={offer.id}>
                  <Link href={configPath("ivr_offer", offer.id)} className="rounded border border-line px-2 py-1 text-ink-2 hover:border-brand hover:text-brand">
                    {offer.fields.name}
                  </Link>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
        <VersionHistory
          kind="sms_template"
          id={id}
          publishedVersion={item.publishedVersion}
          canEdit={canEdit}
          versions={versions.map((row) => ({ version: row.version, createdAt: when(row.createdAt), createdBy: row.createdBy, fields: row.fields }))}
        />
      </div>
    </>
  );
}
