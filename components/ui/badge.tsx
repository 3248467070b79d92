import { cn } from "@/lib/ui/cn";

const tones = {
  good: "bg-good-soft text-good ring-good/20",
  bad: "bg-bad-soft text-bad ring-bad/20",
  warn: "bg-warn-soft text-warn ring-warn/25",
  info: "bg-info-soft text-info ring-info/20",
  neutral: "bg-subtle text-ink-2 ring-line-strong/60",
} as const;

export type BadgeTone = keyof typeof tones;

export function Badge({ tone = "neutral", className, children }: { tone?: BadgeTone; className?: string; children: React.ReactNode }) {
  return (
    <span className={cn("inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", tones[tone], className)}>
      {children}
    </span>
  );
}
