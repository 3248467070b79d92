"use client";

import Link from "next/link";
import { useMemo } from "react";
import { keyConflictProblems, type StoredFields, withChange } from "@/lib/config/checks";
import { DTMF_KEYS, LIMITS, OFFER_POINTS } from "@/lib/config/constants";
import { configPath } from "@/lib/config/labels";
import { formatSeconds } from "@/lib/config/format";
import type { IvrOfferFields, OfferConditions } from "@/lib/config/schemas";
import { INTERVENTION_POINT_NAMES } from "@/lib/domain";
import { previewSms } from "@/lib/sms/template";
import { cn } from "@/lib/ui/cn";
import { Notice } from "./badges";
import { Checkbox, FieldShell, Input, inputClass, Section, Select, TagInput } from "./controls";
import { ConfigEditor, type ConfigEditorProps } from "./editor";
import { ScheduleEditor } from "./schedule-editor";

export interface TemplateOption {
  id: string;
  name: string;
  /** The live body. */
  body: string;
  purpose: "deflection" | "other";
}


const POINT_HELP: Record<(typeof OFFER_POINTS)[number], string> = {
  ivr_offer: "Played in the IVR menu, before the caller joins a queue.",
  in_queue: "Played to a caller waiting in a queue.",
  post_call: "Played when the call with the agent ends.",
};

/** About 150 words a minute, the pace of a recorded IVR prompt. */
function secondsToSay(text: string): number {
  const words = text.trim().split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.round(words / 2.5));
}

function numberOrNull(value: string): number {
  return value.trim() === "" ? (null as unknown as number) : Number(value);
}

type Props = Omit<ConfigEditorProps<IvrOfferFields>, "kind" | "children" | "warnings"> & {
  templates: TemplateOption[];
  callTypes: { value: string; label: string }[];
  queues: string[];
  /** The other offers as they are live, to warn about DTMF keys before publishing. */
  liveOffers: StoredFields<IvrOfferFields>[];
  timeZone: string;
};

export function IvrOfferEditor({ templates, callTypes, queues, liveOffers, timeZone, ...props }: Props) {
  const selfId = props.id ?? "(this new offer)";
  const warnings = (fields: IvrOfferFields) => {
    const conflicts = keyConflictProblems(withChange(liveOffers, selfId, fields), selfId);
    if (conflicts.length === 0) return null;
    return (
      <Notice tone="warn" title="This key clashes with a live offer">
        {conflicts.map((conflict) => (
          <p key={conflict.message}>{conflict.message}</p>
        ))}
        <p>You can save the draft; publishing it will be refused until the clash is gone.</p>
      </Notice>
    );
  };
  return (
    <ConfigEditor kind="ivr_offer" warnings={warnings} {...props}>
      {({ fields, set, errors, readOnly }) => {
        const setConditions = (patch: Partial<OfferConditions>) => {
          const next = { ...fields.conditions, ...patch } as Record<string, unknown>;
          for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
          set({ conditions: next as OfferConditions });
        };
        return (
          <>
            <Section title="Offer">
              <div className="grid gap-4 sm:grid-cols-2">
                <Input label="Name" value={fields.name} maxLength={LIMITS.name} onChange={(event) => set({ name: event.target.value })} error={errors.name} placeholder="e.g. Card questions: press 2 for chat" shellClassName="sm:col-span-2" />
                <Select
                  label="Intervention point"
                  value={fields.point}
                  onChange={(event) => set({ point: event.target.value as IvrOfferFields["point"] })}
                  options={OFFER_POINTS.map((point) => ({ value: point, label: INTERVENTION_POINT_NAMES[point] }))}
                  hint={POINT_HELP[fields.point]}
                  error={errors.point}
                />
                <Input
                  label="Priority"
                  type="number"
                  min={0}
                  max={LIMITS.priority}
                  value={Number.isFinite(fields.priority) ? fields.priority : ""}
                  onChange={(event) => set({ priority: numberOrNull(event.target.value) })}
                  error={errors.priority}
                  hint="When several offers match a call, the lowest number is played."
                />
              </div>
              <Checkbox label="Enabled" description="A disabled offer is never played, even when published." checked={fields.enabled} onChange={(enabled) => set({ enabled })} disabled={readOnly} />
            </Section>

            <Section title="What the caller hears" description="The prompt and the key that accepts the offer.">
              <FieldShell
                label="Prompt"
                error={errors.prompt}
                hint="Say what pressing the key does and that staying on the line keeps their place."
                aside={<span className="text-xs tabular-nums text-muted">≈ {secondsToSay(fields.prompt)} s to say</span>}
              >
                {({ id, describedBy, invalid }) => (
                  <textarea
                    id={id}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    value={fields.prompt}
                    maxLength={LIMITS.prompt}
                    rows={3}
                    onChange={(event) => set({ prompt: event.target.value })}
                    className={cn(inputClass, "py-2", errors.prompt ? "border-bad" : "border-line-strong")}
                  />
                )}
              </FieldShell>
              <fieldset>
                <legend className="text-sm font-medium text-ink-2">Key to press (DTMF)</legend>
                <div className="mt-2 grid w-max grid-cols-3 gap-1.5">
                  {KEYPAD.map((key) => {
                      const usedBy = liveOffers.filter((offer) => offer.id !== props.id && offer.fields.enabled && offer.fields.point === fields.point && offer.fields.dtmfKey === key);
                      return (
                        <label
                          key={key}
                          title={usedBy.length ? `Used by ${usedBy.map((offer) => offer.fields.name).join(", ")}` : undefined}
                          className={cn(
                            "relative grid size-11 cursor-pointer place-items-center rounded-full border text-base font-semibold tabular-nums",
                            fields.dtmfKey === key ? "border-brand bg-brand text-white" : "border-line-strong bg-surface text-ink hover:border-brand",
                            readOnly && "cursor-not-allowed",
                          )}
                        >
                          <input type="radio" name="dtmfKey" value={key} checked={fields.dtmfKey === key} onChange={() => set({ dtmfKey: key })} className="sr-only" aria-label={`Key ${key}${usedBy.length ? ` (used by ${usedBy.map((offer) => offer.fields.name).join(", ")})` : ""}`} />
                          {key}
                          {usedBy.length ? <span className="absolute -right-0.5 -top-0.5 size-2.5 rounded-full border-2 border-surface bg-warn" aria-hidden /> : null}
                        </label>
                      );
                    })}
                </div>
                <p className="mt-2 text-xs text-muted">A dot marks a key that another live offer at this point already uses.</p>
                {errors.dtmfKey ? <p className="mt-1 text-sm text-bad">{errors.dtmfKey}</p> : null}
              </fieldset>
            </Section>

            <Section title="What the caller receives" description="Only published templates can be linked, so the message a caller gets has been reviewed.">
              <TemplatePicker templates={templates} value={fields.smsTemplateId} onChange={(smsTemplateId) => set({ smsTemplateId })} error={errors.smsTemplateId} readOnly={readOnly} />
            </Section>

            <Section title="Who is offered" description="Leave a condition empty to offer to every call. All the conditions you set must hold.">
              <div className="grid gap-4 lg:grid-cols-2">
                <TagInput
                  label="Call types"
                  values={fields.conditions.callTypes ?? []}
                  onChange={(values) => setConditions({ callTypes: values.length ? values : undefined })}
                  suggestions={callTypes}
                  placeholder="All call types"
                  error={errors["conditions.callTypes"]}
                  disabled={readOnly}
                  normalize={(value) => value.trim().toLowerCase()}
                />
                <TagInput
                  label="Queues"
                  values={fields.conditions.queues ?? []}
                  onChange={(values) => setConditions({ queues: values.length ? values : undefined })}
                  suggestions={queues.map((queue) => ({ value: queue, label: queue }))}
                  placeholder="All queues"
                  error={errors["conditions.queues"]}
                  disabled={readOnly}
                />
                <Input
                  label="Minimum estimated wait (seconds)"
                  type="number"
                  min={0}
                  max={LIMITS.estimatedWaitSeconds}
                  value={fields.conditions.minEstimatedWaitSeconds ?? ""}
                  onChange={(event) => setConditions({ minEstimatedWaitSeconds: event.target.value === "" ? undefined : Number(event.target.value) })}
                  placeholder="Any wait"
                  error={errors["conditions.minEstimatedWaitSeconds"]}
                  hint={fields.conditions.minEstimatedWaitSeconds !== undefined ? `Offered when the wait is ${formatSeconds(fields.conditions.minEstimatedWaitSeconds)} or more.` : "Offered whatever the wait."}
                />
              </div>
              <div className="space-y-3">
                <Checkbox
                  label="Only at certain times"
                  description={`A weekly schedule in ${timeZone}.`}
                  checked={fields.conditions.schedule !== undefined}
                  onChange={(on) => setConditions({ schedule: on ? [{ days: ["mon", "tue", "wed", "thu", "fri"], start: "08:00", end: "20:00" }] : undefined })}
                  disabled={readOnly}
                />
                {fields.conditions.schedule !== undefined ? (
                  <ScheduleEditor
                    windows={fields.conditions.schedule}
                    onChange={(schedule) => setConditions({ schedule })}
                    timeZone={timeZone}
                    errors={errors}
                    disabled={readOnly}
                  />
                ) : null}
                {errors["conditions.schedule"] ? <p className="text-sm text-bad">{errors["conditions.schedule"]}</p> : null}
              </div>
            </Section>

            <Section title="Measurement">
              <div className="grid gap-4 sm:grid-cols-2">
                <Input
                  label="Holdout (%)"
                  type="number"
                  min={0}
                  max={LIMITS.holdoutPercent}
                  value={Number.isFinite(fields.holdoutPercent) ? fields.holdoutPercent : ""}
                  onChange={(event) => set({ holdoutPercent: numberOrNull(event.target.value) })}
                  error={errors.holdoutPercent}
                  hint="Callers never offered (0–50%), so deflection can be compared with callers who got no offer."
                />
              </div>
            </Section>
          </>
        );
      }}
    </ConfigEditor>
  );
}

/** The keys as a phone lays them out. */
const KEYPAD: readonly (typeof DTMF_KEYS)[number][] = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"];

function TemplatePicker({
  templates,
  value,
  onChange,
  error,
  readOnly,
}: {
  templates: TemplateOption[];
  value: string;
  onChange: (id: string) => void;
  error?: string;
  readOnly: boolean;
}) {
  const chosen = templates.find((template) => template.id === value);
  const preview = useMemo(() => (chosen ? previewSms(chosen.body) : null), [chosen]);
  if (templates.length === 0) {
    return (
      <Notice tone="warn" title="No published SMS template yet">
        An offer sends a published template. <Link href="/config/sms-templates/new" className="font-medium text-brand underline">Write one</Link> and publish it first.
      </Notice>
    );
  }
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Select
        label="SMS template"
        value={chosen ? value : ""}
        onChange={(event) => onChange(event.target.value)}
        options={[{ value: "", label: "Choose a published template…" }, ...templates.map((template) => ({ value: template.id, label: template.name }))]}
        error={error}
        hint={value && !chosen ? "The linked template is not published any more: choose another." : undefined}
      />
      {chosen && preview ? (
        <div className="rounded-md border border-line bg-subtle/60 p-3 text-sm">
          <p className="whitespace-pre-wrap break-words text-ink">{preview.text}</p>
          <p className="mt-2 flex flex-wrap gap-x-3 text-xs text-muted">
            <span>
              {preview.segments} SMS · {preview.encoding}
            </span>
            {readOnly ? null : (
              <Link href={configPath("sms_template", chosen.id)} className="text-brand hover:underline">
                Open the template
              </Link>
            )}
          </p>
        </div>
      ) : null}
    </div>
  );
}
