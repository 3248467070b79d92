"use client";

import { ArrowDown, ArrowUp, ShieldCheck } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { moveRule, publishAll } from "@/app/(app)/config/actions";
import { Card, CardHeader } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/form-message";
import { IDLE } from "@/lib/auth/action-state";
import { safetyValveProblems, type StoredFields, unreachableRules } from "@/lib/config/checks";
import { describeAction, describeEscalationConditions } from "@/lib/config/describe";
import { isCatchAll, reachesHuman } from "@/lib/config/escalation";
import { configPath } from "@/lib/config/labels";
import type { EscalationRuleFields } from "@/lib/config/schemas";
import { cn } from "@/lib/ui/cn";
import { Badge, Notice, StatusBadges } from "./badges";
import { ConfirmButton } from "./confirm";
import { useConfigAction } from "./use-config-action";

export interface RuleRow {
  id: string;
  version: number;
  publishedVersion: number | null;
  /** The latest version: the order shown is the order once every draft is published. */
  fields: EscalationRuleFields;
  published: EscalationRuleFields | null;
  updatedBy: string;
  updatedAt: string;
}

/**
 * The rules in evaluation order (first match wins), as they stand with their drafts: move a rule
 * up or down (saved as drafts), then publish every change at once, checked as one.
 */
export function EscalationRuleList({ rules, canEdit, callTypeNames }: { rules: RuleRow[]; canEdit: boolean; callTypeNames: Record<string, string> }) {
  const router = useRouter();
  const move = useConfigAction();
  const publish = useConfigAction();
  const drafts = rules.filter((rule) => rule.publishedVersion !== rule.version);
  const afterPublish: StoredFields<EscalationRuleFields>[] = rules
    .filter((rule) => rule.publishedVersion !== null || drafts.includes(rule))
    .map((rule) => ({ id: rule.id, fields: rule.fields }));
  const draftProblem = safetyValveProblems(afterPublish)[0]?.message;
  const unreachable = new Map(unreachableRules(rules.map((rule) => ({ id: rule.id, fields: rule.fields }))).map((rule) => [rule.id, rule.blockedBy]));
  const pending = move.pending || publish.pending;
  const lastState = publish.state.status !== "idle" ? publish.state : move.state;

  return (
    <Card>
      <CardHeader title="Rules, in the order they are checked" description="The first rule whose conditions all hold decides where the conversation goes." />
      {drafts.length > 0 ? (
        <div className="border-b border-line px-5 py-3">
          <Notice
            tone={draftProblem ? "bad" : "warn"}
            title={`${drafts.length} rule${drafts.length === 1 ? " has" : "s have"} unpublished changes`}
            actions={
              canEdit ? (
                <ConfirmButton
                  size="sm"
                  disabled={pending || Boolean(draftProblem)}
                  title={`Publish ${drafts.length} change${drafts.length === 1 ? "" : "s"}?`}
                  description={<p>The order and rules shown here go live together, at once. Every earlier version stays in each rule’s history.</p>}
                  confirmLabel="Publish all"
                  onConfirm={() => publish.run(() => publishAll(IDLE, { kind: "escalation_rule" }), () => router.refresh())}
                >
                  Publish all changes
                </ConfirmButton>
              ) : null
            }
          >
            {draftProblem ? `They cannot go live as they are: ${draftProblem}` : "The list below shows them; conversations still follow the live rules until you publish."}
          </Notice>
        </div>
      ) : null}
      {lastState.status !== "idle" ? (
        <div className="border-b border-line px-5 py-3">
          <FormMessage state={lastState} />
        </div>
      ) : null}
      <ol className="divide-y divide-line" aria-label="Escalation rules in order">
        {rules.map((rule, index) => {
          const conditions = describeEscalationConditions(rule.fields.conditions, callTypeNames);
          const catchAll = isCatchAll(rule.fields);
          const blockedBy = unreachable.get(rule.id);
          return (
            <li key={rule.id} className={cn("flex items-start gap-3 px-5 py-4", !rule.fields.enabled && "bg-subtle/50")}>
              <span className="mt-0.5 grid size-7 shrink-0 place-items-center rounded-full bg-subtle text-xs font-semibold tabular-nums text-ink-2" aria-hidden>
                {index + 1}
              </span>
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <Link href={configPath("escalation_rule", rule.id)} className="font-medium text-ink hover:text-brand hover:underline">
                    {rule.fields.name}
                  </Link>
                  <StatusBadges version={rule.version} publishedVersion={rule.publishedVersion} enabled={rule.fields.enabled} />
                  {blockedBy ? <Badge tone="warn" className="whitespace-normal">Never fires: “{blockedBy}” comes first</Badge> : null}
                </div>
                <p className="mt-1 flex flex-wrap gap-1">
                  {catchAll ? <Badge tone="info">Catch-all: every conversation</Badge> : conditions.map((condition) => (
                        <Badge key={condition} className="whitespace-normal">
                          {condition}
                        </Badge>
                      ))}
                </p>
                <p className={cn("mt-1 text-sm", reachesHuman(rule.fields.action) ? "text-ink-2" : "text-warn")}>→ {describeAction(rule.fields.action)}</p>
                <p className="mt-0.5 text-xs text-muted">
                  Priority {rule.fields.priority} · {rule.updatedBy}, {rule.updatedAt}
                </p>
              </div>
              {canEdit ? (
                <div className="flex shrink-0 flex-col gap-1">
                  <button
                    type="button"
                    disabled={pending || index === 0}
                    onClick={() => move.run(() => moveRule(IDLE, { id: rule.id, direction: "up" }), () => router.refresh())}
                    aria-label={`Move “${rule.fields.name}” up`}
                    className="grid size-8 place-items-center rounded-md border border-line-strong text-ink-2 hover:bg-subtle disabled:opacity-40"
                  >
                    <ArrowUp className="size-4" aria-hidden />
                  </button>
                  <button
                    type="button"
                    disabled={pending || index === rules.length - 1}
                    onClick={() => move.run(() => moveRule(IDLE, { id: rule.id, direction: "down" }), () => router.refresh())}
                    aria-label={`Move “${rule.fields.name}” down`}
                    className="grid size-8 place-items-center rounded-md border border-line-strong text-ink-2 hover:bg-subtle disabled:opacity-40"
                  >
                    <ArrowDown className="size-4" aria-hidden />
                  </button>
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
    </Card>
  );
}

/** Whether the live rules keep a path to a person, said plainly at the top of the page. */
export function SafetyValveStatus({ problem, catchAllName, catchAllAction }: { problem?: string; catchAllName?: string; catchAllAction?: string }) {
  return problem ? (
    <Notice tone="bad" title="No safe way to a person" className="mb-6">
      {problem}
    </Notice>
  ) : (
    <div className="mb-6 flex items-start gap-3 rounded-md border border-good/30 bg-good-soft px-3.5 py-3 text-sm">
      <ShieldCheck className="mt-0.5 size-4 shrink-0 text-good" aria-hidden />
      <p className="text-ink-2">
        <span className="font-medium text-good">Safety valve in place. </span>
        Every conversation no other rule takes goes to “{catchAllName}” ({catchAllAction}). Publishing a change that removes it is refused.
      </p>
    </div>
  );
}
