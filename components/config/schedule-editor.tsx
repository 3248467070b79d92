"use client";

import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { type ScheduleWindow, WEEKDAYS, type Weekday } from "@/lib/config/ivr";
import { cn } from "@/lib/ui/cn";
import { inputClass } from "./controls";

const DAY_LABELS: Record<Weekday, string> = { mon: "Mon", tue: "Tue", wed: "Wed", thu: "Thu", fri: "Fri", sat: "Sat", sun: "Sun" };
const DAY_NAMES: Record<Weekday, string> = { mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday", sun: "Sunday" };

/** Weekly windows in the workspace time zone: days as toggle buttons, start and end as times. */
export function ScheduleEditor({
  windows,
  onChange,
  timeZone,
  errors,
  disabled,
}: {
  windows: ScheduleWindow[];
  onChange: (windows: ScheduleWindow[]) => void;
  timeZone: string;
  errors: Record<string, string>;
  disabled?: boolean;
}) {
  const update = (index: number, patch: Partial<ScheduleWindow>) => onChange(windows.map((window, at) => (at === index ? { ...window, ...patch } : window)));
  return (
    <div className="space-y-3">
      {windows.map((window, index) => {
        const prefix = `conditions.schedule.${index}`;
        const error = errors[`${prefix}.days`] ?? errors[`${prefix}.start`] ?? errors[`${prefix}.end`] ?? errors[prefix];
        return (
          <fieldset key={index} className={cn("rounded-md border p-3", error ? "border-bad" : "border-line")}>
            <legend className="px-1 text-xs font-medium text-muted">Window {index + 1}</legend>
            <div className="flex flex-wrap items-end gap-3">
              <div className="flex flex-wrap gap-1" role="group" aria-label={`Days of window ${index + 1}`}>
                {WEEKDAYS.map((day) => {
                  const on = window.days.includes(day);
                  return (
                    <button
                      key={day}
                      type="button"
                      aria-pressed={on}
                      aria-label={DAY_NAMES[day]}
                      disabled={disabled}
                      onClick={() => update(index, { days: on ? window.days.filter((other) => other !== day) : WEEKDAYS.filter((other) => other === day || window.days.includes(other)) })}
                      className={cn(
                        "h-8 w-11 rounded-md border text-xs font-medium",
                        on ? "border-brand bg-brand text-white" : "border-line-strong bg-surface text-ink-2 hover:border-brand",
                      )}
                    >
                      {DAY_LABELS[day]}
                    </button>
                  );
                })}
              </div>
              <label className="text-xs font-medium text-ink-2">
                From
                <input
                  type="time"
                  value={window.start}
                  disabled={disabled}
                  onChange={(event) => update(index, { start: event.target.value })}
                  className={cn(inputClass, "mt-1 h-8 w-28 border-line-strong")}
                />
              </label>
              <label className="text-xs font-medium text-ink-2">
                Until
                <input
                  type="time"
                  value={window.end === "24:00" ? "23:59" : window.end}
                  disabled={disabled}
                  onChange={(event) => update(index, { end: event.target.value === "23:59" ? "24:00" : event.target.value })}
                  className={cn(inputClass, "mt-1 h-8 w-28 border-line-strong")}
                />
              </label>
              {disabled ? null : (
                <Button size="sm" variant="ghost" onClick={() => onChange(windows.filter((_, at) => at !== index))} aria-label={`Remove window ${index + 1}`}>
                  <Trash2 className="size-3.5" aria-hidden />
                </Button>
              )}
            </div>
            {error ? <p className="mt-2 text-sm text-bad">{error}</p> : null}
          </fieldset>
        );
      })}
      {disabled ? null : (
        <Button size="sm" variant="secondary" onClick={() => onChange([...windows, { days: ["mon", "tue", "wed", "thu", "fri"], start: "09:00", end: "17:00" }])}>
          <Plus className="size-3.5" aria-hidden /> Add a window
        </Button>
      )}
      <p className="text-xs text-muted">
        Times are wall-clock times in {timeZone}, the workspace time zone, so 09:00 stays 09:00 across daylight-saving changes. “Until 23:59” means until
        midnight.
      </p>
    </div>
  );
}
