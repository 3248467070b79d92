"use client";

import { getCountries, getCountryCallingCode } from "libphonenumber-js";
import { CircleCheck, CircleDashed } from "lucide-react";
import { useId } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import {
  type ColumnTarget,
  FILE_KINDS,
  type FileKind,
  type ImportMapping,
  REQUIRED_TARGETS,
  TARGETS_BY_KIND,
  assignTarget,
  columnValues,
  targetHint,
  targetLabel,
} from "@/lib/import/columns";
import { personalDataKind } from "@/lib/events/personal-data";
import type { DateOrder } from "@/lib/import/time";
import { cn } from "@/lib/ui/cn";

export const selectClass =
  "block h-10 w-full rounded-md border border-line-strong bg-surface px-3 text-sm text-ink shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/20 disabled:bg-subtle disabled:text-muted";

interface SettingsProps {
  mapping: ImportMapping;
  onKindChange: (kind: FileKind) => void;
  onChange: (mapping: ImportMapping) => void;
  timeZones: string[];
  workspaceTimeZone: string;
  /** Some time values carry no offset: the zone matters. */
  zoneMatters: boolean;
  /** Some time values are slash dates with the year last: the day order matters. */
  dayOrderMatters: boolean;
  dateOrderDetected: boolean;
  disabled?: boolean;
}

/** What the file is, and how to read its times. */
export function FileSettings({ mapping, onKindChange, onChange, timeZones, workspaceTimeZone, zoneMatters, dayOrderMatters, dateOrderDetected, disabled }: SettingsProps) {
  const zoneId = useId();
  const orderId = useId();
  return (
    <Card>
      <CardHeader title="What is in this file" />
      <div className="space-y-5 p-5">
        <fieldset disabled={disabled}>
          <legend className="text-sm font-medium text-ink-2">Kind of file</legend>
          <div className="mt-2 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {(Object.keys(FILE_KINDS) as FileKind[]).map((kind) => (
              <label
                key={kind}
                className={cn(
                  "flex cursor-pointer gap-3 rounded-md border p-3 text-sm transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand/30",
                  mapping.kind === kind ? "border-brand bg-brand-soft/60" : "border-line-strong hover:bg-subtle",
                )}
              >
                <input type="radio" name="file-kind" value={kind} checked={mapping.kind === kind} onChange={() => onKindChange(kind)} className="mt-0.5 size-4 accent-brand" />
                <span>
                  <span className="block font-medium text-ink">{FILE_KINDS[kind].label}</span>
                  <span className="mt-0.5 block text-muted">{FILE_KINDS[kind].description}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        <div className="grid gap-5 md:grid-cols-2">
          <div className="space-y-1.5">
            <label htmlFor={zoneId} className="block text-sm font-medium text-ink-2">
              Time zone of the timestamps
            </label>
            <select id={zoneId} value={mapping.timeZone} onChange={(event) => onChange({ ...mapping, timeZone: event.target.value })} className={selectClass} disabled={disabled} aria-describedby={`${zoneId}-hint`}>
              {timeZones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone === workspaceTimeZone ? `${zone} (workspace)` : zone}
                </option>
              ))}
            </select>
            <p id={`${zoneId}-hint`} className="text-xs text-muted">
              {zoneMatters
                ? "The file's times carry no zone: they are read as this zone's. Times with an offset (Z, +01:00) keep it. Times with one (Z, +01:00) keep it. On daylight-saving changes, a skipped time moves an hour forward and a repeated time reads as the first."
                : "Every time in the first rows carries its own offset, so this choice does not change them."}
            </p>
          </div>
          {mapping.columns.includes("customerPhone") ? <PhoneCountry mapping={mapping} onChange={onChange} disabled={disabled} /> : null}
          {dayOrderMatters ? (
            <div className="space-y-1.5">
              <label htmlFor={orderId} className="block text-sm font-medium text-ink-2">
                Dates are written
              </label>
              <select id={orderId} value={mapping.dateOrder} onChange={(event) => onChange({ ...mapping, dateOrder: event.target.value as DateOrder })} className={selectClass} disabled={disabled} aria-describedby={`${orderId}-hint`}>
                <option value="mdy">Month first (03/04/2026 is March 4)</option>
                <option value="dmy">Day first (03/04/2026 is 3 April)</option>
              </select>
              <p id={`${orderId}-hint`} className={cn("text-xs", dateOrderDetected ? "text-muted" : "text-warn")}>
                {dateOrderDetected ? "Detected from the first rows." : "The first rows could be read either way: check the preview."}
              </p>
            </div>
          ) : null}
        </div>
      </div>
    </Card>
  );
}

interface ColumnsProps {
  headers: string[];
  sample: string[][];
  mapping: ImportMapping;
  onChange: (mapping: ImportMapping) => void;
  disabled?: boolean;
}

/** One line per column of the file: its name, a few of its values, and what it becomes. */
export function ColumnMapping({ headers, sample, mapping, onChange, disabled }: ColumnsProps) {
  const required = REQUIRED_TARGETS[mapping.kind];
  return (
    <Card>
      <CardHeader title="Columns" description="Each column of the file and what it becomes in an event. Guesses are made from the header names and values." />
      <div className="border-b border-line px-5 py-3">
        <ul className="flex flex-wrap gap-2" aria-label="Required fields">
          {required.map((target) => {
            const direct = mapping.columns.indexOf(target);
            const index = direct < 0 && target === "customer" ? mapping.columns.indexOf("customerPhone") : direct;
            const fixed = index < 0 ? (mapping.fixed as Record<string, string | undefined> | undefined)?.[target]?.trim() : undefined;
            if (fixed) {
              return (
                <li key={target} className="inline-flex items-center gap-1.5 rounded-full bg-good-soft px-2.5 py-1 text-xs font-medium text-good">
                  <CircleCheck className="size-3.5" aria-hidden />
                  {targetLabel(target)}
                  <span className="font-normal">= {fixed} for every row</span>
                </li>
              );
            }
            return (
              <li
                key={target}
                className={cn("inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-medium", index >= 0 ? "bg-good-soft text-good" : "bg-warn-soft text-warn")}
              >
                {index >= 0 ? <CircleCheck className="size-3.5" aria-hidden /> : <CircleDashed className="size-3.5" aria-hidden />}
                {targetLabel(direct < 0 && index >= 0 ? "customerPhone" : target)}
                <span className="font-normal">{index >= 0 ? `← ${headers[index] || `Column ${index + 1}`}` : "— not mapped"}</span>
              </li>
            );
          })}
        </ul>
      </div>
      <div className="hidden grid-cols-[minmax(0,1fr)_minmax(0,1.3fr)_minmax(13rem,16rem)] gap-4 border-b border-line bg-subtle/60 px-5 py-2 text-xs font-medium uppercase tracking-wide text-muted md:grid">
        <span>Column in the file</span>
        <span>First values</span>
        <span>Import as</span>
      </div>
      <ul className="divide-y divide-line">
        {headers.map((header, index) => (
          <ColumnRow key={index} index={index} header={header} values={columnValues(sample, index)} mapping={mapping} onChange={onChange} disabled={disabled} />
        ))}
      </ul>
    </Card>
  );
}

function ColumnRow({ index, header, values, mapping, onChange, disabled }: { index: number; header: string; values: string[]; mapping: ImportMapping; onChange: (mapping: ImportMapping) => void; disabled?: boolean }) {
  const selectId = useId();
  const target = mapping.columns[index];
  const name = header || `Column ${index + 1}`;
  const distinct = [...new Set(values)].slice(0, 3);
  const personal = values.map((value) => personalDataKind(value.trim())).find((kind) => kind !== null) ?? null;
  return (
    <li className={cn("grid gap-2 px-5 py-3 md:grid-cols-[minmax(0,1fr)_minmax(0,1.3fr)_minmax(13rem,16rem)] md:items-center md:gap-4", target === "ignore" && "bg-subtle/40")}>
      <div className="min-w-0">
        <p className={cn("truncate text-sm font-medium", target === "ignore" ? "text-muted" : "text-ink")} title={name}>
          {name}
        </p>
      </div>
      <div className="flex min-w-0 flex-wrap gap-1.5" aria-label={`First values of ${name}`}>
        {distinct.length === 0 ? (
          <span className="text-xs italic text-muted">empty in the first rows</span>
        ) : (
          distinct.map((value) => (
            <code key={value} className="max-w-full truncate rounded bg-subtle px-1.5 py-0.5 font-mono text-xs text-ink-2" title={value}>
              {value.length > 40 ? `${value.slice(0, 40)}…` : value}
            </code>
          ))
        )}
      </div>
      <div>
        <label htmlFor={selectId} className="sr-only">
          Import {name} as
        </label>
        <select id={selectId} value={target} disabled={disabled} onChange={(event) => onChange(assignTarget(mapping, index, event.target.value as ColumnTarget))} className={selectClass} aria-describedby={`${selectId}-hint`}>
          {TARGETS_BY_KIND[mapping.kind].map((option) => (
            <option key={option} value={option}>
              {targetLabel(option)}
            </option>
          ))}
        </select>
        {personal && target !== "ignore" && target !== "customerPhone" ? (
          <p id={`${selectId}-hint`} className="mt-1 text-xs text-warn">
            {personal === "phone"
              ? "Holds phone numbers, which are never stored: its rows will be refused. Import it as the customer phone, or leave it out."
              : "Holds e-mail addresses, which are never stored: its rows will be refused. Leave it out."}
          </p>
        ) : (
          <p id={`${selectId}-hint`} className="mt-1 text-xs text-muted">
            {targetHint(target)}
          </p>
        )}
      </div>
    </li>
  );
}

const COUNTRY_NAMES = typeof Intl.DisplayNames === "function" ? new Intl.DisplayNames(["en"], { type: "region" }) : null;

/** The country of phone numbers written without `+` and a country code ("(415) 555-0100"). */
function PhoneCountry({ mapping, onChange, disabled }: { mapping: ImportMapping; onChange: (mapping: ImportMapping) => void; disabled?: boolean }) {
  const id = useId();
  const countries = getCountries()
    .map((code) => ({ code, name: COUNTRY_NAMES?.of(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-ink-2">
        Country of national phone numbers
      </label>
      <select id={id} value={mapping.phoneCountry ?? ""} onChange={(event) => onChange({ ...mapping, phoneCountry: event.target.value || undefined })} className={selectClass} disabled={disabled} aria-describedby={`${id}-hint`}>
        <option value="">None: every number has + and its country code</option>
        {countries.map(({ code, name }) => (
          <option key={code} value={code}>
            {name} (+{getCountryCallingCode(code)})
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className="text-xs text-muted">
        Numbers become the workspace&apos;s customer keys on the server; the numbers themselves are never stored.
      </p>
    </div>
  );
}
