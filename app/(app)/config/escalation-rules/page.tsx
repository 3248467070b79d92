import { ShieldCheck } from "lucide-react";
import type { Metadata } from "next";
import { Suspense } from "react";
import { ReadOnlyNotice } from "@/components/config/badges";
import { EscalationRuleList, SafetyValveStatus } from "@/components/config/escalation-rule-list";
import { EmptyState, ListSkeleton, NewButton } from "@/components/config/list-parts";
import { WhichRuleFires } from "@/components/config/which-rule-fires";
import { PageHeader } from "@/components/ui/page-header";
import { safetyValveProblems } from "@/lib/config/checks";
import { describeAction } from "@/lib/config/describe";
import { isCatchAll, orderRules } from "@/lib/config/escalation";
import { configPage } from "../context";
import { editorData } from "../editor-data";

export const metadata: Metadata = { title: "Escalation rules" };

type Context = Awaited<ReturnType<typeof configPage>>;

export default async function EscalationRulesPage() {
  const context = await configPage();
  return (
    <>
      <PageHeader
        title="Escalation rules"
        description="When the bot hands a conversation to a person, and to whom. Rules are checked in order and the first match wins; an enabled catch-all that reaches a person can never be removed."
        actions={context.canEdit ? <NewButton href="/config/escalation-rules/new" label="New rule" /> : null}
      />
      {context.canEdit ? null : <ReadOnlyNotice />}
      <Suspense fallback={<ListSkeleton rows={6} />}>
        <Rules context={context} />
      </Suspense>
    </>
  );
}

async function Rules({ context }: { context: Context }) {
  const { db, user, canEdit, when, timeZone } = context;
  const data = await editorData(db, user.workspaceId);
  if (data.rules.length === 0) {
    return (
      <EmptyState icon={<ShieldCheck className="size-5" aria-hidden />} title="No escalation rules" action={canEdit ? { href: "/config/escalation-rules/new", label: "New rule" } : undefined}>
        Every workspace needs a catch-all rule that sends customers to a person.
      </EmptyState>
    );
  }
  const problem = safetyValveProblems(data.liveRules)[0]?.message;
  const catchAll = orderRules(data.liveRules.map((rule) => ({ ...rule.fields, id: rule.id }))).find((rule) => rule.enabled && isCatchAll(rule));
  return (
    <>
      <SafetyValveStatus problem={problem} catchAllName={catchAll?.name} catchAllAction={catchAll ? describeAction(catchAll.action).toLowerCase() : undefined} />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_26rem]">
        <EscalationRuleList
          canEdit={canEdit}
          callTypeNames={data.callTypeNames}
          rules={data.rules.map((rule) => ({
            id: rule.id,
            version: rule.version,
            publishedVersion: rule.publishedVersion,
            fields: rule.fields,
            published: rule.published,
            updatedBy: rule.updatedBy,
            updatedAt: when(rule.updatedAt),
          }))}
        />
        <div>
          <WhichRuleFires
            liveRules={data.liveRules}
            draftRules={data.rules.map((rule) => ({ id: rule.id, fields: rule.fields }))}
            callTypes={data.callTypes}
            timeZone={timeZone}
          />
        </div>
      </div>
    </>
  );
}
