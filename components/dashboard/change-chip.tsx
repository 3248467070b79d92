import { ArrowDownRight, ArrowUpRight, Minus } from "lucide-react";
import type { Change } from "@/lib/dashboard/format";
import { cn } from "@/lib/ui/cn";

/**
 * A change against the previous period, coloured by whether it is good news: up is good for
 * deflections, bad for bounce-backs and agent calls.
 */
export function ChangeChip({ change, goodWhen, className }: { change: Change | null; goodWhen: "up" | "down"; className?: string }) {
  if (!change) return <span className={cn("text-xs text-muted", className)}>no comparison</span>;
  const good = change.direction !== "flat" && change.direction === goodWhen;
  const bad = change.direction !== "flat" && change.direction !== goodWhen;
  const Icon = change.direction === "up" ? ArrowUpRight : change.direction === "down" ? ArrowDownRight : Minus;
  return (
    <span
      className={cn(
        "inline-flex items-center gap-0.5 rounded px-1.5 py-0.5 text-xs font-semibold",
        good && "bg-good-soft text-good",
        bad && "bg-bad-soft text-bad",
        !good && !bad && "bg-subtle text-muted",
        className,
      )}
    >
      <Icon className="size-3.5" aria-hidden />
      <span aria-hidden>{change.text}</span>
      <span className="sr-only">
        {change.description}
        {good ? ", an improvement" : bad ? ", a deterioration" : ""}
      </span>
    </span>
  );
}
