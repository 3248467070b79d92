import { Check } from "lucide-react";
import { cn } from "@/lib/ui/cn";

const STEPS = ["Upload", "Map columns", "Check", "Import"] as const;

/** Where the user is in the import, announced as the current step. */
export function Steps({ current }: { current: number }) {
  return (
    <nav aria-label="Import steps" className="mb-6">
      <ol className="flex items-center gap-2 overflow-x-auto text-sm">
        {STEPS.map((step, index) => {
          const done = index < current;
          const active = index === current;
          return (
            <li key={step} className="flex shrink-0 items-center gap-2" aria-current={active ? "step" : undefined}>
              <span
                className={cn(
                  "grid size-6 place-items-center rounded-full text-xs font-semibold",
                  done ? "bg-brand text-white" : active ? "bg-brand-soft text-brand ring-1 ring-brand" : "bg-subtle text-muted ring-1 ring-line",
                )}
                aria-hidden
              >
                {done ? <Check className="size-3.5" /> : index + 1}
              </span>
              <span className={cn(active ? "font-medium text-ink" : done ? "text-ink-2" : "text-muted", !active && "sr-only sm:not-sr-only")}>
                {step}
                {done ? <span className="sr-only"> (done)</span> : null}
              </span>
              {index < STEPS.length - 1 ? <span className="mx-1 h-px w-6 bg-line-strong sm:w-10" aria-hidden /> : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
