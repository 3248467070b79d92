"use client";

import { useQuery } from "@tanstack/react-query";
import { Flag } from "lucide-react";
import Link from "next/link";
import type { ChangeMarkerDatum } from "@/components/charts/outcome-trend-chart";
import { auditHref, changeText, changesOptions, type ConfigChange, markersOf } from "@/lib/dashboard/changes";
import { formatDay } from "@/lib/dashboard/format";
import type { TimeseriesInterval } from "@/lib/metrics/types";

/** The publishes and roll-backs of a period (for a point: its own offers', and every template's and rule's). */
export function useConfigChanges(period: { from: string; to: string }, point?: string) {
  const { data } = useQuery(changesOptions(period));
  return (data ?? []).filter((change) => !point || change.kind !== "ivr_offer" || change.point === null || change.point === point);
}

export function changeMarkers(changes: readonly ConfigChange[], interval: TimeseriesInterval): ChangeMarkerDatum[] {
  return markersOf(changes, interval).map(({ bucket, title }) => ({ bucket, title }));
}

/** The changes marked on a chart, as a list a keyboard and a screen reader reach: what, who, when, and the audit entry. */
export function ChangeList({ changes }: { changes: readonly ConfigChange[] }) {
  if (changes.length === 0) return null;
  return (
    <details className="border-t border-line px-4 py-2.5 text-sm sm:px-5" data-testid="change-list">
      <summary className="flex cursor-pointer items-center gap-1.5 text-xs font-medium text-ink-2">
        <Flag className="size-3.5 text-warn" aria-hidden />
        {changes.length} configuration {changes.length === 1 ? "change" : "changes"} marked on the chart
      </summary>
      <ul className="mt-2 space-y-1.5">
        {changes.map((change) => (
          <li key={change.id} className="flex flex-wrap items-baseline gap-x-2 text-xs text-muted">
            <time dateTime={change.at} className="font-medium text-ink-2">
              {formatDay(change.day)}
            </time>
            <span className="text-ink">{changeText(change)}</span>
            {change.actor ? <span>by {change.actor}</span> : null}
            {change.actor ? (
              <Link href={auditHref(change)} className="font-medium text-brand hover:underline">
                Audit entry
              </Link>
            ) : null}
          </li>
        ))}
      </ul>
    </details>
  );
}
