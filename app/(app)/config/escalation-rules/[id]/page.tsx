import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { listConfigVersions } from "@/db/queries/config";
import { ReadOnlyNotice, StatusBadges } from "@/components/config/badges";
import { EscalationRuleEditor } from "@/components/config/escalation-rule-editor";
import { ItemActions } from "@/components/config/item-actions";
import { EditorSkeleton } from "@/components/config/list-parts";
import { VersionHistory } from "@/components/config/version-history";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { configPage, startVersion } from "../../context";
import { editorData } from "../../editor-data";

export const metadata: Metadata = { title: "Escalation rule" };

type Params = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EscalationRulePage({ params, searchParams }: Params) {
  const context = await configPage();
  const [{ id }, query] = await Promise.all([params, searchParams]);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/config/escalation-rules" className="text-muted hover:text-brand">
          ← Escalation rules
        </Link>
      </p>
      <Suspense fallback={<EditorSkeleton />}>
        <RuleDetail context={context} id={id} start={startVersion(query.start)} />
      </Suspense>
    </>
  );
}

async function RuleDetail({ context, id, start }: { context: Awaited<ReturnType<typeof configPage>>; id: string; start?: number }) {
  const { db, user, canEdit, when, timeZone } = context;
  const [history, data] = await Promise.all([listConfigVersions(db, user.workspaceId, "escalation_rule", id), editorData(db, user.workspaceId)]);
  if (!history) notFound();
  const { item, versions } = history;
  const startFrom = start !== undefined && start !== item.version ? versions.find((row) => row.version === start) : undefined;
  const enabled = (item.published ?? item.fields).enabled;
  return (
    <>
      <PageHeader
        title={item.fields.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadges version={item.version} publishedVersion={item.publishedVersion} enabled={enabled} />
            <span>
              Last change by {item.updatedBy}, {when(item.updatedAt)}
            </span>
          </span>
        }
        actions={canEdit ? <ItemActions kind="escalation_rule" id={id} name={item.fields.name} version={item.version} publishedVersion={item.publishedVersion} enabled={enabled} /> : null}
      />
      {canEdit ? null : <ReadOnlyNotice />}
      <div className="space-y-6">
        <Card>
          <EscalationRuleEditor
            id={id}
            version={item.version}
            publishedVersion={item.publishedVersion}
            baseline={item.fields}
            initial={startFrom?.fields}
            startedFrom={startFrom?.version}
            readOnly={!canEdit}
            callTypes={data.callTypes}
            queues={data.queues}
            liveRules={data.liveRules}
            timeZone={timeZone}
          />
        </Card>
        <VersionHistory
          kind="escalation_rule"
          id={id}
          publishedVersion={item.publishedVersion}
          canEdit={canEdit}
          valueNames={data.callTypeNames}
          versions={versions.map((row) => ({ version: row.version, createdAt: when(row.createdAt), createdBy: row.createdBy, fields: row.fields }))}
        />
      </div>
    </>
  );
}
