"use client";

import { useState } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import type { Stage } from "@/lib/domain";
import { csvName, csvRate, downloadCsv } from "@/lib/dashboard/csv";
import { journeysHref } from "@/lib/dashboard/filters";
import { formatInterval, formatRate } from "@/lib/dashboard/format";
import { rateOf } from "@/lib/dashboard/metrics";
import type { JourneyFilterParams } from "@/lib/dashboard/query-keys";
import type { StageCounts } from "@/lib/metrics/types";
import { CountLink } from "./count-link";
import { ExportButton } from "./export-button";
import { MetricTerm } from "./metric-term";

export type BreakdownRow = { key: string | null } & StageCounts;

const COLUMNS: { stage: Stage; label: string; tone?: string }[] = [
  { stage: "offered", label: "Offered" },
  { stage: "engaged", label: "Engaged" },
  { stage: "resolved", label: "Resolved" },
  { stage: "deflected", label: "Deflected" },
  { stage: "bounced", label: "Bounced", tone: "text-bad decoration-bad/30" },
];

const INITIAL_ROWS = 10;

/**
 * A funnel broken down by call type or channel: counts (each a link to its journeys) and the two
 * rates that say whether the bot helps, with their intervals.
 */
export function BreakdownTable({
  title,
  description,
  dimension,
  rows,
  labelOf,
  filters,
  isError,
  error,
  onRetry,
}: {
  title: string;
  description: string;
  dimension: "callType" | "channel";
  rows: BreakdownRow[] | undefined;
  labelOf: (key: string) => string;
  filters: JourneyFilterParams;
  isError?: boolean;
  error?: unknown;
  onRetry?: () => void;
}) {
  const [showAll, setShowAll] = useState(false);
  const visible = rows ? (showAll ? rows : rows.slice(0, INITIAL_ROWS)) : undefined;
  const heading = dimension === "callType" ? "Call type" : "Channel";
  const nameOf = (key: string | null) => (key === null ? (dimension === "callType" ? "No call type yet" : "No channel") : labelOf(key));

  const exportCsv = async () => {
    if (!visible) return;
    await downloadCsv(
      csvName(`breakdown_${dimension}`, [filters.from, filters.to, filters.point, filters.callType, filters.channel]),
      [dimension, "name", ...COLUMNS.map((c) => c.stage), "pending", "escalated", "containment_rate", "bounce_back_rate"],
      visible.map((row) => [
        row.key ?? "",
        nameOf(row.key),
        ...COLUMNS.map((c) => row[c.stage]),
        row.pending,
        row.escalated,
        csvRate(rateOf(row.resolved, row.engaged).value),
        csvRate(rateOf(row.bounced, row.engaged).value),
      ]),
    );
  };

  return (
    <Card className="min-w-0">
      <CardHeader title={title} description={description} actions={<ExportButton label="CSV" onExport={exportCsv} disabled={!visible} />} />
      {isError ? (
        <ErrorState error={error} onRetry={onRetry} />
      ) : visible && visible.length === 0 ? (
        <EmptyState title="No journeys in this period">Nothing was offered with these filters. Try a longer period or fewer filters.</EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[46rem] text-sm">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr className="border-b border-line bg-subtle/60 text-xs text-muted">
                <th scope="col" className="sticky left-0 bg-subtle px-5 py-2.5 text-left font-medium">
                  {heading}
                </th>
                {COLUMNS.map((column) => (
                  <th key={column.stage} scope="col" className="px-3 py-2.5 text-right font-medium">
                    <MetricTerm metric={column.stage} label={column.label} />
                  </th>
                ))}
                <th scope="col" className="px-3 py-2.5 text-right font-medium">
                  <MetricTerm metric="containmentRate" label="Containment" />
                </th>
                <th scope="col" className="px-5 py-2.5 text-right font-medium">
                  <MetricTerm metric="bounceBackRate" label="Bounce-back rate" />
                </th>
              </tr>
            </thead>
            <tbody>
              {visible
                ? visible.map((row) => {
                    const containment = rateOf(row.resolved, row.engaged);
                    const bounce = rateOf(row.bounced, row.engaged);
                    const rowFilters = row.key === null ? null : { ...filters, [dimension]: row.key };
                    return (
                      <tr key={row.key ?? "none"} className="border-b border-line/70 last:border-0 hover:bg-subtle/50">
                        <th scope="row" className="sticky left-0 max-w-56 truncate bg-surface px-5 py-2 text-left font-medium text-ink" title={nameOf(row.key)}>
                          {nameOf(row.key)}
                        </th>
                        {COLUMNS.map((column) => (
                          <td key={column.stage} className="px-3 py-2 text-right">
                            <CountLink
                              count={row[column.stage]}
                              href={rowFilters ? journeysHref({ ...rowFilters, stage: column.stage }) : undefined}
                              what={`${column.label.toLowerCase()}, ${nameOf(row.key)}`}
                              className={column.tone}
                            />
                          </td>
                        ))}
                        <td className="px-3 py-2 text-right tabular-nums">
                          {formatRate(containment.value)}
                          <span className="block text-[11px] text-muted">{containment.interval ? formatInterval(containment.interval) : ""}</span>
                        </td>
                        <td className="px-5 py-2 text-right tabular-nums text-bad">
                          {formatRate(bounce.value)}
                          <span className="block text-[11px] text-muted">{bounce.interval ? formatInterval(bounce.interval) : ""}</span>
                        </td>
                      </tr>
                    );
                  })
                : Array.from({ length: 6 }, (_, i) => (
                    <tr key={i} className="border-b border-line/70">
                      <td colSpan={8} className="px-5 py-2.5">
                        <Skeleton className="h-4 w-full" />
                      </td>
                    </tr>
                  ))}
            </tbody>
          </table>
        </div>
      )}
      {rows && rows.length > INITIAL_ROWS ? (
        <div className="border-t border-line px-5 py-2.5 text-sm">
          <button type="button" className="font-medium text-brand hover:underline" aria-expanded={showAll} onClick={() => setShowAll((value) => !value)}>
            {showAll ? `Show the top ${INITIAL_ROWS}` : `Show all ${rows.length} ${dimension === "callType" ? "call types" : "channels"}`}
          </button>
        </div>
      ) : null}
      {rows?.some((row) => row.key === null) ? (
        <p className="border-t border-line px-5 py-2 text-xs text-muted">
          {dimension === "callType"
            ? "“No call type yet”: journeys that never reached a conversation, so no event named their call type. Their counts cannot be listed by call type."
            : "“No channel”: journeys whose events named no channel."}
        </p>
      ) : null}
    </Card>
  );
}
