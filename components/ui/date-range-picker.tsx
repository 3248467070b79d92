"use client";

import { CalendarDays, Check, ChevronDown } from "lucide-react";
import { Popover } from "radix-ui";
import { useId, useState } from "react";
import { cn } from "@/lib/ui/cn";
import { Button } from "./button";

export interface Range {
  from: string;
  to: string;
}

export interface RangePreset {
  id: string;
  label: string;
  range: Range;
}

interface PickerShellProps {
  label: string;
  summary: string;
  detail: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  children: React.ReactNode;
}

export function PickerShell({ label, summary, detail, open, onOpenChange, children }: PickerShellProps) {
  const labelId = useId();
  return (
    <div className="min-w-0">
      <span id={labelId} className="mb-1 block text-xs font-medium text-muted">
        {label}
      </span>
      <Popover.Root open={open} onOpenChange={onOpenChange}>
        <Popover.Trigger asChild>
          <button
            type="button"
            aria-labelledby={`${labelId} ${labelId}-value`}
            className="flex h-9 w-full min-w-0 items-center gap-2 rounded-md border border-line-strong bg-surface px-3 text-left text-sm text-ink shadow-sm hover:border-faint focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/20"
          >
            <CalendarDays className="size-4 shrink-0 text-faint" aria-hidden />
            <span id={`${labelId}-value`} className="min-w-0 flex-1 truncate">
              <span className="font-medium">{summary}</span>
              {detail !== summary ? <span className="text-muted"> · {detail}</span> : null}
            </span>
            <ChevronDown className="size-4 shrink-0 text-faint" aria-hidden />
          </button>
        </Popover.Trigger>
        <Popover.Portal>
          <Popover.Content
            align="start"
            sideOffset={6}
            collisionPadding={12}
            aria-label={label}
            className="z-50 w-[min(30rem,calc(100vw-1.5rem))] rounded-lg border border-line bg-surface shadow-xl"
          >
            {children}
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
    </div>
  );
}

export function PresetList({ presets, value, onPick }: { presets: RangePreset[]; value: Range; onPick: (range: Range) => void }) {
  return (
    <ul className="grid grid-cols-2 gap-1 border-b border-line p-2 sm:block sm:w-40 sm:shrink-0 sm:border-b-0 sm:border-r">
      {presets.map((preset) => {
        const active = preset.range.from === value.from && preset.range.to === value.to;
        return (
          <li key={preset.id}>
            <button
              type="button"
              aria-pressed={active}
              onClick={() => onPick(preset.range)}
              className={cn(
                "flex w-full items-center justify-between rounded px-2.5 py-1.5 text-left text-sm",
                active ? "bg-brand-soft font-medium text-brand" : "text-ink-2 hover:bg-subtle",
              )}
            >
              {preset.label}
              {active ? <Check className="size-3.5" aria-hidden /> : null}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

export const inputClass =
  "block h-9 w-full rounded-md border border-line-strong bg-surface px-2.5 text-sm text-ink shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/20";

/**
 * A period of days: presets for the usual questions, and a custom range with the platform's own
 * date inputs (a calendar on phones, typing on a keyboard).
 */
export function DateRangePicker({
  label = "Period",
  value,
  presets,
  onChange,
  max,
  maxDays,
  describe,
}: {
  label?: string;
  value: Range;
  presets: RangePreset[];
  onChange: (range: Range) => void;
  max?: string;
  maxDays: number;
  describe: (range: Range) => string;
}) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Range>(value);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
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
    if (!draft.from || !draft.to) return setError("Choose both days.");
    if (draft.from > draft.to) return setError("The first day must not be after the last.");
    const days = (Date.parse(draft.to) - Date.parse(draft.from)) / 86_400_000 + 1;
    if (days > maxDays) return setError(`A period may cover at most ${maxDays} days.`);
    pick(draft);
  };

  return (
    <PickerShell label={label} summary={preset?.label ?? describe(value)} detail={describe(value)} open={open} onOpenChange={openChange}>
      <div className="flex flex-col sm:flex-row">
        <PresetList presets={presets} value={value} onPick={pick} />
        <form onSubmit={apply} className="flex-1 space-y-3 p-3" noValidate>
          <p className="text-xs font-semibold uppercase tracking-wide text-muted">Custom range</p>
          <div className="grid grid-cols-2 gap-2">
            <label className="text-xs font-medium text-muted">
              First day
              <input
                type="date"
                className={cn(inputClass, "mt-1")}
                value={draft.from}
                max={max}
                aria-describedby={error ? errorId : undefined}
                onChange={(event) => setDraft((d) => ({ ...d, from: event.target.value }))}
              />
            </label>
            <label className="text-xs font-medium text-muted">
              Last day
              <input
                type="date"
                className={cn(inputClass, "mt-1")}
                value={draft.to}
                max={max}
                aria-describedby={error ? errorId : undefined}
                onChange={(event) => setDraft((d) => ({ ...d, to: event.target.value }))}
              />
            </label>
          </div>
          {error ? (
            <p id={errorId} role="alert" className="text-xs text-bad">
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
