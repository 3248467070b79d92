"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { changeText, type ConfigChange } from "@/lib/dashboard/changes";
import { formatCount, formatDay, formatDayRange, formatRate } from "@/lib/dashboard/format";
import { addDays } from "@/lib/dashboard/period";
import { funnelOptions } from "@/lib/dashboard/queries";
import type { JourneyFilterParams } from "@/lib/dashboard/query-keys";
import type { InterventionPoint } from "@/lib/domain";
import { newcombeDifference } from "@/lib/metrics/newcombe";
import type { StageCounts } from "@/lib/metrics/types";
import { cn } from "@/lib/ui/cn";
import { useDashboard } from "./dashboard-provider";

const WINDOWS = [7, 14, 28] as const;

/** The rates compared before and after a change, each a share of journeys. */
const COMPARED: { label: string; of: keyof StageCounts; over: keyof StageCounts; lowerIsBetter?: boolean }[] = [
  { label: "Accepted of offered", of: "accepted", over: "offered" },
  { label: "Engaged of offered", of: "engaged", over: "offered" },
  { label: "Bot containment (resolved of engaged)", of: "resolved", over: "engaged" },
  { label: "Bounce-backs of engaged", of: "bounced", over: "engaged", lowerIsBetter: true },
  { label: "Confirmed deflections of offered", of: "deflected", over: "offered" },
];

/** Percentage points with a sign: 0.031 → "+3.1 pts". */
const points = (value: number) => `${value >= 0 ? "+" : "−"}${Math.abs(value * 100).toFixed(1)} pts`;

/**
 * The point's funnel in the N days before a chosen publish or roll-back and the N days after it
 * (the day itself left out: it holds both), side by side, with the 95% Newcombe interval of each
 * rate's difference.
 */
export function BeforeAfter({ point, changes, filters }: { point: InterventionPoint; changes: readonly ConfigChange[]; filters: JourneyFilterParams }) {
  const { today } = useDashboard();
  const [chosenId, setChosenId] = useState<number | null>(null);
  const [days, setDays] = useState<(typeof WINDOWS)[number]>(14);
  const chosen = changes.find((change) => change.id === chosenId) ?? changes[changes.length - 1];
  const shared = { point, callType: filters.callType, channel: filters.channel, asOf: filters.asOf };
  const before = chosen ? { from: addDays(chosen.day, -days), to: addDays(chosen.day, -1) } : null;
  const afterTo = chosen ? addDays(chosen.day, days) : null;
  const after = chosen ? { from: addDays(chosen.day, 1), to: afterTo! > today ? today : afterTo! } : null;
  const beforeQuery = useQuery({ ...funnelOptions({ ...shared, ...(before ?? { from: today, to: today }) }), enabled: Boolean(chosen) });
  const afterQuery = useQuery({ ...funnelOptions({ ...shared, ...(after ?? { from: today, to: today }) }), enabled: Boolean(chosen && after && after.from <= after.to) });

  return (
    <Card className="mt-6" data-testid="before-after">
      <CardHeader
        title="Before and after a change"
        description="This point's funnel in the days before a publish or roll-back and the days after it, with the 95% interval of each difference."
      />
      {!chosen ? (
        <EmptyState title="No change in this period">Publishes and roll-backs of offers, templates and rules in the chosen period can be compared here.</EmptyState>
      ) : (
        <div className="px-4 pb-5 pt-4 sm:px-5">
          <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_10rem]">
            <Select
              label="Change"
              value={String(chosen.id)}
              onChange={(event) => setChosenId(Number(event.target.value))}
              options={changes.map((change) => ({ value: String(change.id), label: `${formatDay(change.day)}: ${changeText(change)}` }))}
            />
            <Select
              label="Days on each side"
              value={String(days)}
              onChange={(event) => setDays(Number(event.target.value) as (typeof WINDOWS)[number])}
              options={WINDOWS.map((value) => ({ value: String(value), label: `${value} days` }))}
            />
          </div>
          <p className="mt-3 text-sm text-ink-2">
            {changeText(chosen)} on{" "}
            <time dateTime={chosen.day} className="font-semibold text-ink" data-testid="before-after-date">
              {formatDay(chosen.day)}
            </time>
            : {formatDayRange(before!.from, before!.to)} against {after!.from <= after!.to ? formatDayRange(after!.from, after!.to) : "no day yet"}
            {afterTo! > today ? " (so far)" : ""}.
          </p>
          {beforeQuery.isError || afterQuery.isError ? (
            <ErrorState error={beforeQuery.error ?? afterQuery.error} onRetry={() => void Promise.all([beforeQuery.refetch(), afterQuery.refetch()])} />
          ) : !beforeQuery.data || (!afterQuery.data && after!.from <= after!.to) ? (
            <Skeleton className="mt-3 h-48 w-full" />
          ) : (
            <div className="mt-3 overflow-x-auto">
              <table className="w-full min-w-[36rem] text-sm">
                <caption className="sr-only">Rates before and after {changeText(chosen)}</caption>
                <thead>
                  <tr className="border-b border-line bg-subtle/60 text-xs text-muted">
                    <th scope="col" className="px-3 py-2 text-left font-medium">Rate</th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">Before</th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">After</th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">Difference (95% CI)</th>
                  </tr>
                </thead>
                <tbody>
                  {COMPARED.map((row) => {
                    const earlier = beforeQuery.data!.totals;
                    const later = afterQuery.data?.totals;
                    const difference = later ? newcombeDifference(later[row.of], later[row.over], earlier[row.of], earlier[row.over]) : null;
                    const clear = difference && (difference.low > 0 || difference.high < 0);
                    const better = difference && (row.lowerIsBetter ? difference.high < 0 : difference.low > 0);
                    return (
                      <tr key={row.label} className="border-b border-line last:border-0">
                        <th scope="row" className="px-3 py-2 text-left font-normal text-ink-2">{row.label}</th>
                        <td className="px-3 py-2 text-right tabular-nums">
                          {formatRate(earlier[row.over] ? earlier[row.of] / earlier[row.over] : null)}
                          <span className="block text-xs text-muted">{formatCount(earlier[row.of])} of {formatCount(earlier[row.over])}</span>
                        </td>
                        <td className="px-3 py-2 text-right tabular-nums">
                          {formatRate(later && later[row.over] ? later[row.of] / later[row.over] : null)}
                          {later ? <span className="block text-xs text-muted">{formatCount(later[row.of])} of {formatCount(later[row.over])}</span> : null}
                        </td>
                        <td className={cn("px-3 py-2 text-right tabular-nums", clear ? (better ? "text-good" : "text-bad") : "text-ink-2")}>
                          {difference ? points(difference.value) : "—"}
                          {difference ? (
                            <span className="block text-xs text-muted">
                              {points(difference.low)} to {points(difference.high)}
                            </span>
                          ) : null}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <p className="mt-2 text-xs text-muted">
                A before/after comparison shows what changed around a date, not what the change caused: seasons and other changes move these rates too. The Impact
                page measures causes with holdouts.
              </p>
            </div>
          )}
        </div>
      )}
    </Card>
  );
}
