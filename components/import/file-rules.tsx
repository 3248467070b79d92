"use client";

import { Sparkles, TriangleAlert, X } from "lucide-react";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { CHANNELS, INTERVENTION_POINTS } from "@/lib/domain";
import {
  type FixedTarget,
  type ImportMapping,
  OUTCOME_ACTIONS,
  OUTCOME_EMPTY,
  OUTCOME_OTHER,
  type OutcomeAction,
  columnValues,
  outcomeKey,
  targetLabel,
} from "@/lib/import/columns";
import { knownOutcome } from "@/lib/import/mapping";
import { PRESET_IDS, PRESETS, type Preset, type PresetId } from "@/lib/import/presets";
import { cn } from "@/lib/ui/cn";
import { selectClass } from "./mapping-form";

interface PresetProps {
  preset: Preset | null;
  detected: Preset | null;
  mapping: ImportMapping;
  onPreset: (id: PresetId | null) => void;
  onChange: (mapping: ImportMapping) => void;
  warning: string | null;
  disabled?: boolean;
}

/** "Looks like a Twilio call log": the preset the header row matched, what it decided, and the way out of it. */
export function PresetCard({ preset, detected, mapping, onPreset, onChange, warning, disabled }: PresetProps) {
  const selectId = useId();
  const filters = mapping.filters ?? [];
  return (
    <Card>
      <div className="flex flex-wrap items-start gap-3 px-5 py-4">
        <span className="grid size-9 shrink-0 place-items-center rounded-md bg-brand-soft text-brand">
          <Sparkles className="size-5" aria-hidden />
        </span>
        <div className="min-w-0 flex-1 space-y-1">
          <h2 className="text-[15px] font-semibold text-ink" data-testid="preset-heading">
            {detected ? `Looks like ${detected.looksLike}` : "No known export format"}
          </h2>
          <p className="text-sm text-muted">
            {preset
              ? "Columns, values and outcomes below are set for this format. Every choice can still be changed."
              : detected
                ? "The preset is off: columns are guessed from their names and values."
                : "Columns are guessed from their names and values. Presets exist for Twilio, Amazon Connect, Genesys Cloud and bot exports."}
          </p>
          {preset && preset.notes.length > 0 ? (
            <ul className="list-disc space-y-0.5 pl-5 text-sm text-ink-2">
              {preset.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          ) : null}
        </div>
        <div className="w-full space-y-1.5 sm:w-64">
          <label htmlFor={selectId} className="block text-sm font-medium text-ink-2">
            Read the file as
          </label>
          <select id={selectId} value={preset?.id ?? ""} disabled={disabled} onChange={(event) => onPreset((event.target.value || null) as PresetId | null)} className={selectClass}>
            <option value="">No preset: guess each column</option>
            {PRESET_IDS.map((id) => (
              <option key={id} value={id}>
                {PRESETS[id].label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {filters.length > 0 ? (
        <ul className="space-y-2 border-t border-line px-5 py-3" aria-label="Rows imported">
          {filters.map((filter, index) => (
            <li key={filter.column} className="flex flex-wrap items-center justify-between gap-2 text-sm text-ink-2">
              <span>
                Only rows whose <strong className="font-medium text-ink">{filter.column}</strong> is {filter.values.map((value) => `“${value}”`).join(" or ")} are imported; the rest are skipped.
              </span>
              <Button variant="ghost" size="sm" disabled={disabled} onClick={() => onChange({ ...mapping, filters: filters.filter((_, i) => i !== index) })}>
                <X className="size-4" aria-hidden />
                Import every {filter.column}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      {warning ? (
        <p role="alert" className="flex items-start gap-2 border-t border-line bg-warn-soft/60 px-5 py-3 text-sm text-warn">
          <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
          {warning}
        </p>
      ) : null}
    </Card>
  );
}

const FIXED_BY_KIND: Record<ImportMapping["kind"], FixedTarget[]> = {
  call_log: ["callType", "queue"],
  bot_export: ["callType", "point", "channel"],
  event_file: ["callType", "point", "channel"],
};

/** Values for the whole file: what no column gives (a Twilio log's call type), or what an empty cell means. */
export function FixedValues({ mapping, onChange, disabled }: { mapping: ImportMapping; onChange: (mapping: ImportMapping) => void; disabled?: boolean }) {
  const fixed = mapping.fixed ?? {};
  const set = (target: FixedTarget, value: string) => onChange({ ...mapping, fixed: { ...fixed, [target]: value } });
  return (
    <Card>
      <CardHeader title="Values for the whole file" description="Used for every row where no column gives the field, or its cell is empty." />
      <div className="grid gap-4 p-5 sm:grid-cols-2 lg:grid-cols-3">
        {FIXED_BY_KIND[mapping.kind].map((target) =>
          target === "point" || target === "channel" ? (
            <ChoiceField key={target} label={targetLabel(target)} value={fixed[target] ?? ""} options={target === "point" ? INTERVENTION_POINTS : CHANNELS} onChange={(value) => set(target, value)} disabled={disabled} />
          ) : (
            <TextField
              key={target}
              label={targetLabel(target)}
              value={fixed[target] ?? ""}
              onChange={(event) => set(target, event.target.value)}
              disabled={disabled}
              maxLength={64}
              placeholder={target === "callType" ? "e.g. general" : "e.g. cards"}
              hint={mapping.columns.includes(target) ? "For empty cells of the mapped column." : "No column gives it."}
            />
          ),
        )}
      </div>
    </Card>
  );
}

function ChoiceField({ label, value, options, onChange, disabled }: { label: string; value: string; options: readonly string[]; onChange: (value: string) => void; disabled?: boolean }) {
  const id = useId();
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-ink-2">
        {label}
      </label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)} disabled={disabled} className={selectClass}>
        <option value="">None</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </div>
  );
}

const ACTION_LABELS: Record<OutcomeAction, string> = { received: "Received (agent call)", abandoned: "Abandoned", skipped: "Skip the row" };

/**
 * What each status of a call log becomes. The statuses are those of the first rows, those the
 * table already names (a preset's), an empty cell, and "any other status".
 */
export function OutcomeTableCard({ headers, sample, mapping, onChange, disabled }: { headers: string[]; sample: string[][]; mapping: ImportMapping; onChange: (mapping: ImportMapping) => void; disabled?: boolean }) {
  const column = mapping.columns.indexOf("outcome");
  if (mapping.kind !== "call_log" || column < 0) return null;
  const table = mapping.outcomes ?? {};
  // A table that says what "any other value" is (Connect's agent timestamp: present or not) lists only its own entries.
  const seen = OUTCOME_OTHER in table ? [] : [...new Set(columnValues(sample, column).map(outcomeKey))].slice(0, 20);
  const statuses = [...new Set([...seen, ...Object.keys(table).filter((key) => key !== OUTCOME_EMPTY && key !== OUTCOME_OTHER)])];
  const rows = [...statuses, OUTCOME_EMPTY, OUTCOME_OTHER];
  const actionOf = (status: string): OutcomeAction | "" => table[status] ?? (status === OUTCOME_OTHER ? "" : (knownOutcome(status) ?? ""));
  const set = (status: string, action: OutcomeAction | "") => {
    const next = { ...table };
    // Writing the table down whole keeps what the user sees what is applied.
    for (const row of rows) {
      const current = actionOf(row);
      if (current && !(row in next)) next[row] = current;
    }
    if (action) next[status] = action;
    else delete next[status];
    onChange({ ...mapping, outcomes: next });
  };
  return (
    <Card>
      <CardHeader title="Outcomes" description={`What each value of ${headers[column] || `column ${column + 1}`} becomes: a call that reached an agent, an abandoned call, or a row left out.`} />
      <table className="w-full text-left text-sm" data-testid="outcome-table">
        <caption className="sr-only">Outcome of each status</caption>
        <thead>
          <tr className="border-b border-line bg-subtle/60 text-xs uppercase tracking-wide text-muted">
            <th scope="col" className="px-5 py-2 font-medium">
              Status
            </th>
            <th scope="col" className="px-5 py-2 font-medium">
              Becomes
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((status) => (
            <OutcomeRow key={status || "(empty)"} status={status} action={actionOf(status)} onChange={(action) => set(status, action)} disabled={disabled} seen={seen.includes(status)} />
          ))}
        </tbody>
      </table>
    </Card>
  );
}

function OutcomeRow({ status, action, onChange, disabled, seen }: { status: string; action: OutcomeAction | ""; onChange: (action: OutcomeAction | "") => void; disabled?: boolean; seen: boolean }) {
  const id = useId();
  const name = status === OUTCOME_EMPTY ? "(empty)" : status === OUTCOME_OTHER ? "(any other status)" : status;
  return (
    <tr className="border-b border-line last:border-0">
      <th scope="row" className="px-5 py-2 font-normal">
        <label htmlFor={id} className={cn("font-mono text-xs", status === OUTCOME_EMPTY || status === OUTCOME_OTHER ? "text-muted" : "text-ink")}>
          {name}
        </label>
        {seen ? <span className="ml-2 text-xs text-muted">in the first rows</span> : null}
      </th>
      <td className="px-5 py-2">
        <select id={id} value={action} onChange={(event) => onChange(event.target.value as OutcomeAction | "")} disabled={disabled} className={cn(selectClass, "sm:w-64", action === "" && status !== OUTCOME_OTHER && "border-warn")}>
          <option value="">{status === OUTCOME_OTHER ? "Refuse the row" : "Choose…"}</option>
          {OUTCOME_ACTIONS.map((option) => (
            <option key={option} value={option}>
              {ACTION_LABELS[option]}
            </option>
          ))}
        </select>
      </td>
    </tr>
  );
}
