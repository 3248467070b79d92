"use client";

import { useId } from "react";
import { cn } from "@/lib/ui/cn";

export interface SegmentedOption<T extends string> {
  value: T;
  label: string;
}

/** A small single choice as a radio group (arrow keys move between options, as native radios do). */
export function Segmented<T extends string>({
  label,
  value,
  options,
  onChange,
  className,
}: {
  label: string;
  value: T;
  options: SegmentedOption<T>[];
  onChange: (value: T) => void;
  className?: string;
}) {
  const name = useId();
  return (
    <fieldset className={cn("inline-flex rounded-md border border-line-strong bg-subtle p-0.5", className)}>
      <legend className="sr-only">{label}</legend>
      {options.map((option) => (
        <label
          key={option.value}
          className={cn(
            "cursor-pointer rounded px-2.5 py-1 text-xs font-medium text-muted has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand",
            option.value === value ? "bg-surface text-ink shadow-sm" : "hover:text-ink",
          )}
        >
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={option.value === value}
            onChange={() => onChange(option.value)}
            className="sr-only"
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
