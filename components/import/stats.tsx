import { cn } from "@/lib/ui/cn";

const tones = { good: "text-good", bad: "text-bad", warn: "text-warn" } as const;

/** One figure of a summary: a term and its value in a definition list. */
export function Stat({ label, value, hint, tone }: { label: string; value: string; hint?: string; tone?: keyof typeof tones }) {
  return (
    <div className="rounded-md border border-line bg-surface px-3.5 py-3">
      <dt className="text-xs font-medium uppercase tracking-wide text-muted">{label}</dt>
      <dd className={cn("mt-1 text-xl font-semibold tabular-nums", tone ? tones[tone] : "text-ink")}>{value}</dd>
      {hint ? <dd className="mt-0.5 text-xs text-muted">{hint}</dd> : null}
    </div>
  );
}
