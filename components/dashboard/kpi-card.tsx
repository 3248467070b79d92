"use client";

import Link from "next/link";
import { useId } from "react";
import { MetricInfo } from "@/components/dashboard/metric-term";
import type { Change } from "@/lib/dashboard/format";
import type { MetricKey } from "@/lib/dashboard/definitions";
import { cn } from "@/lib/ui/cn";
import { ChangeChip } from "./change-chip";

export interface KpiCardProps {
  label: string;
  metric: MetricKey;
  value: string;
  /** The journeys behind the number; the value becomes a link to them. */
  href?: string;
  hrefLabel?: string;
  /** "loading" while the previous period is being fetched. */
  change: Change | null | "loading";
  goodWhen: "up" | "down";
  comparedWith: string;
  detail?: React.ReactNode;
  /** Failure metrics get a red accent, as loud as the successes. */
  accent?: "good" | "bad" | "brand" | "neutral";
}

const accents = {
  good: "before:bg-good",
  bad: "before:bg-bad",
  brand: "before:bg-brand",
  neutral: "before:bg-line-strong",
} as const;

/** One headline number: what it is, its value, its change against the previous period, and its counts. */
export function KpiCard({ label, metric, value, href, hrefLabel, change, goodWhen, comparedWith, detail, accent = "neutral" }: KpiCardProps) {
  const id = useId();
  return (
    <section
      aria-labelledby={id}
      className={cn(
        "relative flex min-w-0 flex-col overflow-hidden rounded-lg border border-line bg-surface p-4 shadow-[0_1px_2px_rgba(16,24,40,0.04)] before:absolute before:inset-y-0 before:left-0 before:w-1",
        accents[accent],
      )}
    >
      <h3 className="flex items-center gap-1 text-[13px] font-medium text-muted">
        <span id={id}>{label}</span>
        <MetricInfo metric={metric} label={label} />
      </h3>
      <p className="mt-1.5 text-[28px] font-semibold leading-tight tracking-tight text-ink" data-testid="metric-value">
        {href ? (
          <Link href={href} aria-label={`${value} ${hrefLabel ?? label}: list the journeys`} className="rounded decoration-brand/40 underline-offset-4 hover:underline">
            {value}
          </Link>
        ) : (
          value
        )}
      </p>
      <div className="mt-1.5 flex flex-wrap items-center gap-x-2 gap-y-1">
        {change === "loading" ? (
          <span className="inline-block h-5 w-16 animate-pulse rounded bg-line" aria-hidden />
        ) : (
          <ChangeChip change={change} goodWhen={goodWhen} />
        )}
        <span className="text-xs text-muted">{comparedWith}</span>
      </div>
      {detail ? <div className="mt-3 border-t border-line pt-2.5 text-xs leading-relaxed text-muted">{detail}</div> : null}
    </section>
  );
}

export function KpiCardSkeleton() {
  return (
    <div className="rounded-lg border border-line bg-surface p-4">
      <div className="h-3.5 w-28 animate-pulse rounded bg-line" />
      <div className="mt-3 h-7 w-32 animate-pulse rounded bg-line" />
      <div className="mt-3 h-4 w-40 animate-pulse rounded bg-line/70" />
      <div className="mt-4 h-3 w-full animate-pulse rounded bg-line/60" />
    </div>
  );
}
