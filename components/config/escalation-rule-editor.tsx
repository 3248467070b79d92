"use client";

import { ShieldCheck } from "lucide-react";
import { DEFAULT_BUSINESS_SCHEDULE } from "@/lib/config/business-hours";
import { safetyValveProblems, type StoredFields, unreachableRules, withChange } from "@/lib/config/checks";
import { ESCALATION_ACTION_TYPES, LIMITS } from "@/lib/config/constants";
import { ACTION_LABELS } from "@/lib/config/describe";
import { formatScheduleWindow } from "@/lib/config/diff";
import { isCatchAll, reachesHuman } from "@/lib/config/escalation";
import type { EscalationAction, EscalationConditions, EscalationRuleFields } from "@/lib/config/schemas";
import { cn } from "@/lib/ui/cn";
import { Notice } from "./badges";
import { Checkbox, Input, Section, TagInput } from "./controls";
import { ConfigEditor, type ConfigEditorProps } from "./editor";


const ACTION_HELP: Record<EscalationAction["type"], string> = {
  live_agent: "Hand the conversation to an agent queue.",
  callback: "Promise a call back within a time.",
  phone_number: "Transfer to a phone number.",
  ticket: "Open a ticket. No person takes over now.",
};

/** The value kept for an action type while the supervisor switches between types. */
function defaultAction(type: EscalationAction["type"], previous: EscalationAction): EscalationAction {
  const queue = previous.type === "live_agent" ? previous.queue : "default";
  switch (type) {
    case "live_agent":
      return { type, queue };
    case "callback":
      return { type, withinMinutes: previous.type === "callback" ? previous.withinMinutes : 30 };
    case "phone_number":
      return { type, phoneNumber: previous.type === "phone_number" ? previous.phoneNumber : "" };
    case "ticket":
      return { type };
  }
}

type Props = Omit<ConfigEditorProps<EscalationRuleFields>, "kind" | "children" | "warnings"> & {
  callTypes: { value: string; label: string }[];
  queues: string[];
  /** Every rule as it is live now, to tell what publishing this one would do. */
  liveRules: StoredFields<EscalationRuleFields>[];
  timeZone: string;
};

export function EscalationRuleEditor({ callTypes, queues, liveRules, timeZone, ...props }: Props) {
  const selfId = props.id ?? "(this new rule)";
  const warnings = (fields: EscalationRuleFields) => {
    const after = withChange(liveRules, selfId, fields);
    const valve = safetyValveProblems(after);
    const unreachable = unreachableRules(after).filter((rule) => rule.id === selfId);
    const shadows = unreachableRules(after).filter((rule) => rule.blockedBy === fields.name && rule.id !== selfId);
    if (valve.length === 0 && unreachable.length === 0 && shadows.length === 0) return null;
    return (
      <>
        {valve.length > 0 ? (
          <Notice tone="bad" title="Publishing this would be refused">
            {valve[0].message}
          </Notice>
        ) : null}
        {unreachable.length > 0 ? (
          <Notice tone="warn" title="This rule would never fire">
            “{unreachable[0].blockedBy}” has no conditions and comes first, so it takes every conversation before this rule. Give this rule a lower priority number.
          </Notice>
        ) : null}
        {shadows.length > 0 ? (
          <Notice tone="warn" title="This catch-all would hide other rules">
            {shadows.map((rule) => `“${rule.name}”`).join(", ")} would never fire, because this rule has no conditions and comes before {shadows.length === 1 ? "it" : "them"}.
          </Notice>
        ) : null}
      </>
    );
  };

  return (
    <ConfigEditor kind="escalation_rule" warnings={warnings} {...props}>
      {({ fields, set, errors, readOnly }) => {
        const conditions = fields.conditions;
        const setConditions = (patch: Partial<EscalationConditions>) => {
          const next = { ...conditions, ...patch } as Record<string, unknown>;
          for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
          set({ conditions: next as EscalationConditions });
        };
        const catchAll = isCatchAll(fields);
        const toggle = (name: keyof EscalationConditions, on: boolean, value: EscalationConditions[keyof EscalationConditions]) => setConditions({ [name]: on ? value : undefined });
        return (
          <>
            <Section title="Rule">
              <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_10rem]">
                <Input label="Name" value={fields.name} maxLength={LIMITS.name} onChange={(event) => set({ name: event.target.value })} error={errors.name} placeholder="e.g. Asks for a person" />
                <Input
                  label="Priority"
                  type="number"
                  min={0}
                  max={LIMITS.priority}
                  value={Number.isFinite(fields.priority) ? fields.priority : ""}
                  onChange={(event) => set({ priority: event.target.value === "" ? (null as unknown as number) : Number(event.target.value) })}
                  error={errors.priority}
                  hint="Lowest first; the first rule that matches decides."
                />
              </div>
              <Checkbox label="Enabled" description="A disabled rule is skipped." checked={fields.enabled} onChange={(enabled) => set({ enabled })} disabled={readOnly} />
            </Section>

            <Section title="When" description="All the conditions you switch on must hold. With none, the rule is a catch-all: it takes every conversation that reaches it.">
              {catchAll ? (
                <Notice tone="info" title="Catch-all">
                  No conditions: this rule matches every conversation that no earlier rule took.
                </Notice>
              ) : null}
              <div className="space-y-4">
                <ConditionRow label="Call type is one of" on={conditions.callTypes !== undefined} onToggle={(on) => toggle("callTypes", on, [])} disabled={readOnly}>
                  <TagInput
                    label="Call types"
                    values={conditions.callTypes ?? []}
                    onChange={(values) => setConditions({ callTypes: values })}
                    suggestions={callTypes}
                    error={errors["conditions.callTypes"]}
                    disabled={readOnly}
                    normalize={(value) => value.trim().toLowerCase()}
                  />
                </ConditionRow>
                <ConditionRow label="The bot failed at least" on={conditions.minFailedAttempts !== undefined} onToggle={(on) => toggle("minFailedAttempts", on, 2)} disabled={readOnly}>
                  <Input
                    label="Failed bot attempts"
                    type="number"
                    min={1}
                    max={LIMITS.failedAttempts}
                    value={conditions.minFailedAttempts ?? ""}
                    onChange={(event) => setConditions({ minFailedAttempts: event.target.value === "" ? (null as unknown as number) : Number(event.target.value) })}
                    error={errors["conditions.minFailedAttempts"]}
                    hint="Answers the customer marked as not helpful, or rephrased."
                    shellClassName="max-w-56"
                  />
                </ConditionRow>
                <ConditionRow label="Sentiment is at most" on={conditions.maxSentiment !== undefined} onToggle={(on) => toggle("maxSentiment", on, -0.3)} disabled={readOnly}>
                  <Input
                    label="Sentiment (−1 to 1)"
                    type="number"
                    min={-1}
                    max={1}
                    step={0.1}
                    value={conditions.maxSentiment ?? ""}
                    onChange={(event) => setConditions({ maxSentiment: event.target.value === "" ? (null as unknown as number) : Number(event.target.value) })}
                    error={errors["conditions.maxSentiment"]}
                    hint="−1 is very negative, 0 neutral, 1 very positive."
                    shellClassName="max-w-56"
                  />
                </ConditionRow>
                <ConditionRow label="Customer tier is one of" on={conditions.customerTiers !== undefined} onToggle={(on) => toggle("customerTiers", on, [])} disabled={readOnly}>
                  <TagInput label="Customer tiers" values={conditions.customerTiers ?? []} onChange={(values) => setConditions({ customerTiers: values })} error={errors["conditions.customerTiers"]} disabled={readOnly} placeholder="e.g. gold" />
                </ConditionRow>
                <ConditionRow label="The message mentions" on={conditions.keywords !== undefined} onToggle={(on) => toggle("keywords", on, [])} disabled={readOnly}>
                  <TagInput
                    label="Keywords"
                    values={conditions.keywords ?? []}
                    onChange={(values) => setConditions({ keywords: values })}
                    error={errors["conditions.keywords"]}
                    disabled={readOnly}
                    placeholder="e.g. agent"
                    hint="Whole words, any case: “agent” matches “Agent, please” but not “agents”."
                  />
                </ConditionRow>
                <ConditionRow label="Outside business hours" on={conditions.outsideBusinessHours === true} onToggle={(on) => toggle("outsideBusinessHours", on, true)} disabled={readOnly}>
                  <p className="text-xs text-muted">
                    Business hours: {DEFAULT_BUSINESS_SCHEDULE.map(formatScheduleWindow).join("; ")}, {timeZone}.
                  </p>
                </ConditionRow>
              </div>
            </Section>

            <Section title="Then" description="Where the conversation goes when this rule fires.">
              <fieldset>
                <legend className="sr-only">Action</legend>
                <div className="grid gap-2 sm:grid-cols-2">
                  {ESCALATION_ACTION_TYPES.map((type) => (
                    <label
                      key={type}
                      className={cn(
                        "flex cursor-pointer items-start gap-2.5 rounded-md border p-3 text-sm",
                        fields.action.type === type ? "border-brand bg-brand-soft/60" : "border-line-strong",
                        readOnly && "cursor-not-allowed",
                      )}
                    >
                      <input type="radio" name="action" checked={fields.action.type === type} onChange={() => set({ action: defaultAction(type, fields.action) })} className="mt-0.5 accent-brand" />
                      <span>
                        <span className="font-medium text-ink">{ACTION_LABELS[type]}</span>
                        <span className="block text-xs text-muted">{ACTION_HELP[type]}</span>
                      </span>
                    </label>
                  ))}
                </div>
              </fieldset>
              {fields.action.type === "live_agent" ? (
                <Input
                  label="Queue"
                  value={fields.action.queue}
                  list="escalation-queues"
                  maxLength={LIMITS.label}
                  onChange={(event) => set({ action: { type: "live_agent", queue: event.target.value } })}
                  error={errors["action.queue"]}
                  shellClassName="max-w-sm"
                />
              ) : fields.action.type === "callback" ? (
                <Input
                  label="Call back within (minutes)"
                  type="number"
                  min={1}
                  max={LIMITS.callbackMinutes}
                  value={Number.isFinite(fields.action.withinMinutes) ? fields.action.withinMinutes : ""}
                  onChange={(event) => set({ action: { type: "callback", withinMinutes: event.target.value === "" ? (null as unknown as number) : Number(event.target.value) } })}
                  error={errors["action.withinMinutes"]}
                  shellClassName="max-w-56"
                />
              ) : fields.action.type === "phone_number" ? (
                <Input
                  label="Phone number"
                  type="tel"
                  value={fields.action.phoneNumber}
                  onChange={(event) => set({ action: { type: "phone_number", phoneNumber: event.target.value } })}
                  error={errors["action.phoneNumber"]}
                  placeholder="+14155552671"
                  hint="International E.164 format: + country code and number, no spaces."
                  shellClassName="max-w-sm"
                />
              ) : (
                <Notice tone="warn" title="No person takes over">
                  A ticket rule never counts as the path to a person: keep a catch-all rule that reaches a live agent, a callback or a number.
                </Notice>
              )}
              {errors.action ? <p className="text-sm text-bad">{errors.action}</p> : null}
              <datalist id="escalation-queues">
                {queues.map((queue) => (
                  <option key={queue} value={queue} />
                ))}
              </datalist>
              {catchAll && reachesHuman(fields.action) && fields.enabled ? (
                <p className="flex items-center gap-2 text-sm text-good">
                  <ShieldCheck className="size-4" aria-hidden /> A catch-all that reaches a person: this keeps the safety valve.
                </p>
              ) : null}
            </Section>
          </>
        );
      }}
    </ConfigEditor>
  );
}

function ConditionRow({ label, on, onToggle, disabled, children }: { label: string; on: boolean; onToggle: (on: boolean) => void; disabled?: boolean; children: React.ReactNode }) {
  return (
    <div className={cn("rounded-md border px-3 py-3", on ? "border-line-strong bg-surface" : "border-dashed border-line")}>
      <Checkbox label={label} checked={on} onChange={onToggle} disabled={disabled} />
      {on ? <div className="mt-3 pl-6">{children}</div> : null}
    </div>
  );
}
