import type { Metadata } from "next";
import Link from "next/link";
import { EscalationRuleEditor } from "@/components/config/escalation-rule-editor";
import { NEW_ESCALATION_RULE } from "@/lib/config/defaults";
import { Card } from "@/components/ui/card";
import { isCatchAll } from "@/lib/config/escalation";
import { PageHeader } from "@/components/ui/page-header";
import { configPage } from "../../context";
import { editorData } from "../../editor-data";

export const metadata: Metadata = { title: "New escalation rule" };

export default async function NewEscalationRulePage() {
  const { db, user, timeZone } = await configPage("config:write");
  const data = await editorData(db, user.workspaceId);
  // Just above the first catch-all, after every other rule: where a new specific rule usually belongs.
  const catchAllPriority = Math.min(1000, ...data.rules.filter((rule) => isCatchAll(rule.fields)).map((rule) => rule.fields.priority));
  const before = data.rules.map((rule) => rule.fields.priority).filter((priority) => priority < catchAllPriority);
  const priority = Math.max(0, Math.min(catchAllPriority - 1, (before.length > 0 ? Math.max(...before) : 0) + 10));
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/config/escalation-rules" className="text-muted hover:text-brand">
          ← Escalation rules
        </Link>
      </p>
      <PageHeader title="New escalation rule" description="Saved as a draft; conversations follow it only once you publish it." />
      <Card>
        <EscalationRuleEditor baseline={{ ...NEW_ESCALATION_RULE, priority }} readOnly={false} callTypes={data.callTypes} queues={data.queues} liveRules={data.liveRules} timeZone={timeZone} />
      </Card>
    </>
  );
}
