"use client";

import { useState } from "react";
import { cn } from "@/lib/ui/cn";
import { Button } from "./button";
import { PickerShell, PresetList, type Range, type RangePreset, inputClass } from "./date-range-picker";

export interface MonthOption {
  value: string;
  label: string;
}

/** A range of months: presets and two month lists. */
export function MonthRangePicker({
  label = "Months",
  value,
  presets,
  months,
  onChange,
  maxMonths,
  describe,
}: {
  label?: string;
  value: Range;
  presets: RangePreset[];
  months: MonthOption[];
  onChange: (range: Range) => void;
  maxMonths: number;
  describe: (range: Range) => string;
}) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Range>(value);
  const [error, setError] = useState<string | null>(null);
  const preset = presets.find((p) => p.range.from === value.from && p.range.to === value.to);
  const openChange = (next: boolean) => {
    if (next) {
      setDraft(value);
      setError(null);
    }
    setOpen(next);
  };
  const pick = (range: Range) => {
    onChange(range);
    setOpen(false);
  };
  const apply = (event: React.FormEvent) => {
    event.preventDefault();
    if (draft.from > draft.to) return setError("The first month must not be after the last.");
    const [fy, fm] = draft.from.split("-").map(Number);
    const [ty, tm] = draft.to.split("-").map(Number);
    if ((ty - fy) * 12 + tm - fm + 1 > maxMonths) return setError(`At most ${maxMonths} months at once.`);
    pick(draft);
  };
  const select = (key: keyof Range, text: string) => (
    <label className="text-xs font-medium text-muted">
      {text}
      <select className={cn(inputClass, "mt-1")} value={draft[key]} onChange={(event) => setDraft((d) => ({ ...d, [key]: event.target.value }))}>
        {months.map((month) => (
          <option key={month.value} value={month.value}>
            {month.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <PickerShell label={label} summary={preset?.label ?? describe(value)} detail={describe(value)} open={open} onOpenChange={openChange}>
      <div className="flex flex-col sm:flex-row">
        <PresetList presets={presets} value={value} onPick={pick} />
        <form onSubmit={apply} className="flex-1 space-y-3 p-3" noValidate>
          <p className="text-xs font-semibold uppercase tracking-wide text-muted">Custom months</p>
          <div className="grid grid-cols-2 gap-2">
            {select("from", "First month")}
            {select("to", "Last month")}
          </div>
          {error ? (
            <p role="alert" className="text-xs text-bad">
              {error}
            </p>
          ) : null}
          <Button type="submit" size="sm" className="w-full">
            Apply
          </Button>
        </form>
      </div>
    </PickerShell>
  );
}
