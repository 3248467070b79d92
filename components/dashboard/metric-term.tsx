"use client";

import { InfoTip } from "@/components/ui/info-tip";
import { type MetricKey, definitionOf } from "@/lib/dashboard/definitions";
import { useSettings } from "@/lib/dashboard/hooks";
import { cn } from "@/lib/ui/cn";

/** A metric's name with its DESIGN.md definition one hover, focus or tap away. */
export function MetricTerm({ metric, label, className, as: Tag = "span" }: { metric: MetricKey; label: string; className?: string; as?: "span" | "h3" | "h2" | "th" }) {
  const windowHours = useSettings()?.windowHours ?? 72;
  return (
    <Tag className={cn("inline-flex items-center gap-1", className)}>
      <span>{label}</span>
      <InfoTip label={label}>{definitionOf(metric, windowHours)}</InfoTip>
    </Tag>
  );
}

/** Just the "i" button, for places where the label is already written. */
export function MetricInfo({ metric, label }: { metric: MetricKey; label: string }) {
  const windowHours = useSettings()?.windowHours ?? 72;
  return <InfoTip label={label}>{definitionOf(metric, windowHours)}</InfoTip>;
}
