import { ChevronDown } from "lucide-react";
import { forwardRef, useId } from "react";
import { cn } from "@/lib/ui/cn";

export interface SelectOption {
  value: string;
  label: string;
}

type SelectProps = Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "children"> & {
  label: string;
  options: SelectOption[];
  /** Hides the label visually (it stays the select's accessible name). */
  hideLabel?: boolean;
};

/**
 * A labelled native select: the platform's own picker on phones, full keyboard and screen-reader
 * support everywhere, and no JavaScript to ship.
 */
export const Select = forwardRef<HTMLSelectElement, SelectProps>(function Select({ label, options, hideLabel, className, id, ...props }, ref) {
  const generated = useId();
  const selectId = id ?? generated;
  return (
    <div className={cn("min-w-0", className)}>
      <label htmlFor={selectId} className={hideLabel ? "sr-only" : "mb-1 block text-xs font-medium text-muted"}>
        {label}
      </label>
      <div className="relative">
        <select
          ref={ref}
          id={selectId}
          className="block h-9 w-full appearance-none truncate rounded-md border border-line-strong bg-surface pl-3 pr-8 text-sm text-ink shadow-sm hover:border-faint focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/20"
          {...props}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <ChevronDown className="pointer-events-none absolute right-2.5 top-1/2 size-4 -translate-y-1/2 text-faint" aria-hidden />
      </div>
    </div>
  );
});
