"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Clock } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { Segmented } from "@/components/ui/segmented";
import { Skeleton } from "@/components/ui/skeleton";
import { INTERVENTION_POINT_NAMES, type InterventionPoint } from "@/lib/domain";
import { bucketLabel, bucketRange, bucketTitle } from "@/lib/dashboard/buckets";
import { csvName, csvRate, downloadCsv } from "@/lib/dashboard/csv";
import { filtersQuery, journeysHref } from "@/lib/dashboard/filters";
import { countChange, formatCount, formatDayRange, formatInterval, formatMoney, formatRate, rateChange } from "@/lib/dashboard/format";
import { useJourneyFilters, useSettings } from "@/lib/dashboard/hooks";
import { type OverviewFigures, overviewFigures, rateOf } from "@/lib/dashboard/metrics";
import { daysIn, previousPeriod } from "@/lib/dashboard/period";
import { funnelOptions, timeseriesOptions } from "@/lib/dashboard/queries";
import type { TimeseriesInterval } from "@/lib/metrics/types";
import { ChartLegend, CHART_COLORS } from "@/components/charts/chart-tooltip";
import type { OutcomeStage } from "@/components/charts/outcome-trend-chart";
import { AsOfLine } from "./as-of";
import { CountLink } from "./count-link";
import { ChartDataTable } from "./data-table";
import { ExportButton } from "./export-button";
import { FilterBar } from "./filter-bar";
import { KpiCard, KpiCardSkeleton } from "./kpi-card";
import { ChangeList, changeMarkers, useConfigChanges } from "./change-markers";
import { MetricTerm } from "./metric-term";

const OutcomeTrendChart = dynamic(() => import("@/components/charts/outcome-trend-chart").then((m) => m.OutcomeTrendChart), {
  ssr: false,
  loading: () => <Skeleton className="h-[280px] w-full" />,
});

const INTERVALS: { value: TimeseriesInterval; label: string }[] = [
  { value: "day", label: "Day" },
  { value: "week", label: "Week" },
  { value: "month", label: "Month" },
];

/** The home page of managers and supervisors: six headline numbers, their trend, and each point at a glance. */
export function Overview({ workspaceName }: { workspaceName: string }) {
  const router = useRouter();
  const settings = useSettings();
  const { filters, interval, setUrl } = useJourneyFilters();
  const previous = { ...filters, ...previousPeriod(filters) };
  const current = useQuery({ ...funnelOptions({ ...filters, breakdown: "callType" }), placeholderData: keepPreviousData });
  const prior = useQuery({ ...funnelOptions({ ...previous, breakdown: "callType" }), placeholderData: keepPreviousData });
  const trend = useQuery({ ...timeseriesOptions({ ...filters, interval }), placeholderData: keepPreviousData });
  const changes = useConfigChanges(filters);

  const now = current.data ? overviewFigures(current.data, settings) : undefined;
  const before = prior.data ? overviewFigures(prior.data, settings) : undefined;
  const comparedWith = `vs previous ${daysIn(filters) === 1 ? "day" : `${daysIn(filters)} days`}`;
  const currency = settings?.currency ?? "USD";
  const windowHours = settings?.windowHours ?? 72;
  const link = (stage: Parameters<typeof journeysHref>[0]["stage"]) => journeysHref({ ...filters, stage });
  const callsOnlyByCallType = Boolean(filters.point || filters.channel);

  const exportKpis = async () => {
    if (!now) return;
    const row = (metric: string, value: number | null, previousValue: number | null | undefined, numerator?: number, denominator?: number, interval?: { low: number; high: number } | null) => [
      metric,
      value,
      previousValue ?? null,
      numerator ?? null,
      denominator ?? null,
      interval ? csvRate(interval.low) : null,
      interval ? csvRate(interval.high) : null,
    ];
    await downloadCsv(
      csvName("overview", [filters.from, filters.to, filters.point, filters.callType, filters.channel]),
      ["metric", "value", "previous_period_value", "numerator", "denominator", "ci95_low", "ci95_high"],
      [
        row("confirmed_deflections", now.deflected, before?.deflected),
        row("pending_confirmation", now.pending, before?.pending),
        row("deflection_rate", csvRate(now.deflectionRate.value), csvRate(before?.deflectionRate.value), now.deflectionRate.numerator, now.deflectionRate.denominator, now.deflectionRate.interval),
        row(`savings_${currency}`, now.savings, before?.savings),
        row("bounce_back_rate", csvRate(now.bounceBack.value), csvRate(before?.bounceBack.value), now.bounceBack.numerator, now.bounceBack.denominator, now.bounceBack.interval),
        row("bot_containment", csvRate(now.containment.value), csvRate(before?.containment.value), now.containment.numerator, now.containment.denominator, now.containment.interval),
        row("agent_calls", now.agentCalls, before?.agentCalls),
      ],
    );
  };

  return (
    <>
      <PageHeader
        title="Overview"
        description={`How deflection is doing at ${workspaceName}: confirmed deflections, what they saved, and where customers bounced back to the phone.`}
        actions={<ExportButton onExport={exportKpis} disabled={!now} />}
      />
      <FilterBar />
      <AsOfLine className="mt-3" updating={current.isPlaceholderData || prior.isPlaceholderData || trend.isPlaceholderData}>
        <span>
          <span className="font-medium text-ink-2">{formatDayRange(filters.from, filters.to)}</span> compared with {formatDayRange(previous.from, previous.to)}
        </span>
      </AsOfLine>

      {current.isError ? (
        <Card className="mt-5">
          <ErrorState error={current.error} onRetry={() => void current.refetch()} />
        </Card>
      ) : (
        <section aria-labelledby="headline-numbers" className="mt-5 grid gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-busy={!now}>
          <h2 id="headline-numbers" className="sr-only">
            Headline numbers
          </h2>
          {now ? (
            <HeadlineCards now={now} before={before} comparing={prior.isPending} comparedWith={comparedWith} currency={currency} link={link} callsOnlyByCallType={callsOnlyByCallType} />
          ) : (
            Array.from({ length: 6 }, (_, i) => <KpiCardSkeleton key={i} />)
          )}
        </section>
      )}

      {now && now.pending > 0 ? (
        <p className="mt-4 flex items-start gap-2 rounded-md border border-info/20 bg-info-soft px-3 py-2 text-sm text-info">
          <Clock className="mt-0.5 size-4 shrink-0" aria-hidden />
          <span>
            <CountLink count={now.pending} href={link("pending")} what="pending journeys" className="text-info" /> resolved journeys of this period are
            still inside their {windowHours}-hour attribution window. They count as confirmed deflections only once it passes without a call back.
          </span>
        </p>
      ) : null}

      <Card className="mt-6">
        <CardHeader
          title="Deflections and bounce-backs over time"
          description={`Confirmed deflections and pending ones above the line, bounce-backs below it; the line is the deflection rate. Click a bar for its journeys.`}
          actions={
            <>
              <Segmented label="Group by" value={interval} options={INTERVALS} onChange={(value) => void setUrl({ interval: value })} />
              <ExportButton
                label="CSV"
                disabled={!trend.data}
                onExport={async () => {
                  if (!trend.data) return;
                  await downloadCsv(
                    csvName("trend", [filters.from, filters.to, interval, filters.point, filters.callType, filters.channel]),
                    ["bucket", "agent_calls", "offered", "accepted", "engaged", "resolved", "escalated", "bounced", "deflected", "pending", "deflection_rate"],
                    trend.data.buckets.map((b) => [
                      b.bucket,
                      b.agentCalls,
                      b.offered,
                      b.accepted,
                      b.engaged,
                      b.resolved,
                      b.escalated,
                      b.bounced,
                      b.deflected,
                      b.pending,
                      csvRate(rateOf(b.deflected, b.deflected + b.agentCalls).value),
                    ]),
                  );
                }}
              />
            </>
          }
        />
        {trend.isError ? (
          <ErrorState error={trend.error} onRetry={() => void trend.refetch()} />
        ) : trend.data && trend.data.buckets.every((b) => b.offered === 0 && b.engaged === 0 && b.agentCalls === 0) ? (
          <EmptyState title="Nothing happened in this period">No offer, bot conversation or agent call matches these filters. Try a longer period or fewer filters.</EmptyState>
        ) : (
          <>
            <figure className="px-3 pb-2 pt-4 sm:px-5" aria-label={`Deflections and bounce-backs by ${interval}, ${formatDayRange(filters.from, filters.to)}`}>
              {trend.data ? (
                <OutcomeTrendChart
                  rateLabel="Deflection rate"
                  markers={changeMarkers(changes, trend.data.interval)}
                  data={trend.data.buckets.map((b) => ({
                    bucket: b.bucket,
                    label: bucketLabel(b.bucket, trend.data.interval),
                    title: bucketTitle(b.bucket, trend.data.interval),
                    deflected: b.deflected,
                    pending: b.pending,
                    bounced: b.bounced,
                    rate: b.pending > 0 ? null : rateOf(b.deflected, b.deflected + b.agentCalls).value,
                  }))}
                  onSelect={(bucket: string, stage: OutcomeStage) =>
                    router.push(journeysHref({ ...filters, ...bucketRange(bucket, trend.data.interval, filters), stage }))
                  }
                />
              ) : (
                <Skeleton className="h-[280px] w-full" />
              )}
              <figcaption className="mt-2 px-2">
                <ChartLegend
                  items={[
                    { label: "Confirmed deflections", color: CHART_COLORS.deflected },
                    { label: "Pending confirmation", color: CHART_COLORS.pending, kind: "faded" },
                    { label: "Bounce-backs", color: CHART_COLORS.bounced },
                    { label: "Deflection rate", color: CHART_COLORS.rate, kind: "line" },
                  ]}
                />
              </figcaption>
            </figure>
            <ChangeList changes={changes} />
            {trend.data ? (
              <ChartDataTable
                caption="Deflections, bounce-backs, agent calls and deflection rate per period"
                header={[interval === "day" ? "Day" : interval === "week" ? "Week of" : "Month", "Deflected", "Pending", "Bounced", "Agent calls", "Deflection rate"]}
                rows={trend.data.buckets.map((b) => {
                  const range = bucketRange(b.bucket, trend.data.interval, filters);
                  const bucketLink = (stage: OutcomeStage) => journeysHref({ ...filters, ...range, stage });
                  return [
                    bucketTitle(b.bucket, trend.data.interval),
                    <CountLink key="d" count={b.deflected} href={bucketLink("deflected")} what={`confirmed deflections, ${bucketTitle(b.bucket, trend.data.interval)}`} />,
                    <CountLink key="p" count={b.pending} href={bucketLink("pending")} what={`pending journeys, ${bucketTitle(b.bucket, trend.data.interval)}`} />,
                    <CountLink key="b" count={b.bounced} href={bucketLink("bounced")} what={`bounce-backs, ${bucketTitle(b.bucket, trend.data.interval)}`} />,
                    formatCount(b.agentCalls),
                    formatRate(rateOf(b.deflected, b.deflected + b.agentCalls).value),
                  ];
                })}
              />
            ) : null}
          </>
        )}
      </Card>

      <PointsTable points={current.data?.points} filters={filters} />
    </>
  );
}

function HeadlineCards({
  now,
  before,
  comparing,
  comparedWith,
  currency,
  link,
  callsOnlyByCallType,
}: {
  now: OverviewFigures;
  before: OverviewFigures | undefined;
  /** The previous period is still loading. */
  comparing: boolean;
  comparedWith: string;
  currency: string;
  link: (stage: "deflected" | "pending" | "bounced" | "resolved" | "engaged") => string;
  callsOnlyByCallType: boolean;
}) {
  const money = (value: number) => formatMoney(value, currency);
  const averageSaving = now.savings !== null && now.deflected > 0 ? now.savings / now.deflected : null;
  return (
    <>
      <KpiCard
        label="Confirmed deflections"
        metric="deflected"
        value={formatCount(now.deflected)}
        href={link("deflected")}
        change={before ? countChange(now.deflected, before.deflected) : comparing ? "loading" : null}
        goodWhen="up"
        comparedWith={comparedWith}
        accent="good"
        detail={
          <>
            Resolved by the bot, no call back within the window. <CountLink count={now.pending} href={link("pending")} what="pending journeys" /> more pending
            confirmation.
          </>
        }
      />
      <KpiCard
        label="Deflection rate"
        metric="deflectionRate"
        value={formatRate(now.deflectionRate.value)}
        change={before ? rateChange(now.deflectionRate.value, before.deflectionRate.value) : comparing ? "loading" : null}
        goodWhen="up"
        comparedWith={comparedWith}
        accent="brand"
        detail={
          <>
            <CountLink count={now.deflected} href={link("deflected")} what="confirmed deflections" /> of {formatCount(now.deflectionRate.denominator)} deflections +
            agent calls · 95% CI {formatInterval(now.deflectionRate.interval)}
          </>
        }
      />
      <KpiCard
        label="Savings"
        metric="savings"
        value={now.savings === null ? "—" : money(now.savings)}
        change={before && now.savings !== null && before.savings !== null ? countChange(now.savings, before.savings, money) : comparing ? "loading" : null}
        goodWhen="up"
        comparedWith={comparedWith}
        accent="good"
        detail={
          averageSaving !== null ? (
            <>
              <CountLink count={now.deflected} href={link("deflected")} what="confirmed deflections" /> deflections × {money(averageSaving)} average net saving
              (phone cost of the call type − digital cost).
            </>
          ) : (
            "No confirmed deflection in this period, so nothing saved yet."
          )
        }
      />
      <KpiCard
        label="Bounce-back rate"
        metric="bounceBackRate"
        value={formatRate(now.bounceBack.value)}
        change={before ? rateChange(now.bounceBack.value, before.bounceBack.value) : comparing ? "loading" : null}
        goodWhen="down"
        comparedWith={comparedWith}
        accent="bad"
        detail={
          <>
            <CountLink count={now.bounced} href={link("bounced")} what="bounce-backs" /> of <CountLink count={now.engaged} href={link("engaged")} what="engaged journeys" />{" "}
            engaged customers called an agent anyway · 95% CI {formatInterval(now.bounceBack.interval)}
          </>
        }
      />
      <KpiCard
        label="Bot containment"
        metric="containmentRate"
        value={formatRate(now.containment.value)}
        change={before ? rateChange(now.containment.value, before.containment.value) : comparing ? "loading" : null}
        goodWhen="up"
        comparedWith={comparedWith}
        accent="brand"
        detail={
          <>
            <CountLink count={now.resolved} href={link("resolved")} what="resolved journeys" /> of <CountLink count={now.engaged} href={link("engaged")} what="engaged journeys" />{" "}
            bot conversations resolved · 95% CI {formatInterval(now.containment.interval)}
          </>
        }
      />
      <KpiCard
        label="Agent calls"
        metric="agentCalls"
        value={formatCount(now.agentCalls)}
        change={before ? countChange(now.agentCalls, before.agentCalls) : comparing ? "loading" : null}
        goodWhen="down"
        comparedWith={comparedWith}
        accent="neutral"
        detail={
          callsOnlyByCallType
            ? "Calls have no intervention point or channel: this count follows the period and call type only."
            : "Calls that reached an agent in the period, the demand deflection works against."
        }
      />
    </>
  );
}

function PointsTable({ points, filters }: { points: (import("@/lib/metrics/types").FunnelPoint)[] | undefined; filters: Parameters<typeof journeysHref>[0] }) {
  const query = filtersQuery(filters);
  return (
    <Card className="mt-6">
      <CardHeader
        title="By intervention point"
        description="Each point's offers, bot conversations and outcomes in the period. Open a point for its full funnel."
        actions={
          <ExportButton
            label="CSV"
            disabled={!points}
            onExport={async () => {
              if (!points) return;
              await downloadCsv(
                csvName("points", [filters.from, filters.to, filters.callType, filters.channel]),
                ["point", "offered", "engaged", "resolved", "deflected", "pending", "bounced", "escalated", "bounce_back_rate", "containment_rate"],
                points.map((p) => [p.point, p.offered, p.engaged, p.resolved, p.deflected, p.pending, p.bounced, p.escalated, csvRate(rateOf(p.bounced, p.engaged).value), csvRate(rateOf(p.resolved, p.engaged).value)]),
              );
            }}
          />
        }
      />
      <div className="overflow-x-auto">
        <table className="w-full min-w-[44rem] text-sm">
          <caption className="sr-only">Outcomes by intervention point</caption>
          <thead>
            <tr className="border-b border-line bg-subtle/60 text-left text-xs text-muted">
              <th scope="col" className="px-5 py-2.5 font-medium">
                Intervention point
              </th>
              <th scope="col" className="px-3 py-2.5 text-right font-medium">
                <MetricTerm metric="offered" label="Offered" />
              </th>
              <th scope="col" className="px-3 py-2.5 text-right font-medium">
                <MetricTerm metric="engaged" label="Engaged" />
              </th>
              <th scope="col" className="px-3 py-2.5 text-right font-medium">
                <MetricTerm metric="deflected" label="Deflected" />
              </th>
              <th scope="col" className="px-3 py-2.5 text-right font-medium">
                <MetricTerm metric="bounced" label="Bounced" />
              </th>
              <th scope="col" className="px-3 py-2.5 text-right font-medium">
                <MetricTerm metric="bounceBackRate" label="Bounce-back rate" />
              </th>
              <th scope="col" className="px-5 py-2.5 text-right font-medium">
                <MetricTerm metric="containmentRate" label="Containment" />
              </th>
            </tr>
          </thead>
          <tbody>
            {points
              ? points.map((p) => {
                  const pointLink = (stage: "offered" | "engaged" | "deflected" | "bounced") => journeysHref({ ...filters, point: p.point, stage });
                  const bounce = rateOf(p.bounced, p.engaged);
                  const containment = rateOf(p.resolved, p.engaged);
                  return (
                    <tr key={p.point} className="border-b border-line/70 last:border-0 hover:bg-subtle/50">
                      <th scope="row" className="sticky left-0 bg-surface px-5 py-2.5 text-left font-medium">
                        <Link href={`/funnels/${p.point}${query}`} className="text-ink hover:text-brand hover:underline">
                          {INTERVENTION_POINT_NAMES[p.point as InterventionPoint]}
                        </Link>
                      </th>
                      <td className="px-3 py-2.5 text-right">
                        <CountLink count={p.offered} href={pointLink("offered")} what={`offered, ${INTERVENTION_POINT_NAMES[p.point]}`} />
                      </td>
                      <td className="px-3 py-2.5 text-right">
                        <CountLink count={p.engaged} href={pointLink("engaged")} what={`engaged, ${INTERVENTION_POINT_NAMES[p.point]}`} />
                      </td>
                      <td className="px-3 py-2.5 text-right">
                        <CountLink count={p.deflected} href={pointLink("deflected")} what={`confirmed deflections, ${INTERVENTION_POINT_NAMES[p.point]}`} />
                      </td>
                      <td className="px-3 py-2.5 text-right">
                        <CountLink count={p.bounced} href={pointLink("bounced")} what={`bounce-backs, ${INTERVENTION_POINT_NAMES[p.point]}`} className="text-bad decoration-bad/30" />
                      </td>
                      <td className="px-3 py-2.5 text-right tabular-nums">
                        <RateBar rate={bounce.value} tone="bad" />
                      </td>
                      <td className="px-5 py-2.5 text-right tabular-nums">
                        <RateBar rate={containment.value} tone="good" />
                      </td>
                    </tr>
                  );
                })
              : Array.from({ length: 5 }, (_, i) => (
                  <tr key={i} className="border-b border-line/70">
                    <td colSpan={7} className="px-5 py-3">
                      <Skeleton className="h-4 w-full" />
                    </td>
                  </tr>
                ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

/** A rate with a small bar behind it, so a column of rates reads at a glance. */
export function RateBar({ rate, tone }: { rate: number | null; tone: "good" | "bad" | "brand" }) {
  const color = tone === "good" ? "bg-good" : tone === "bad" ? "bg-bad" : "bg-brand";
  return (
    <span className="inline-flex items-center justify-end gap-2">
      <span className="hidden h-1.5 w-14 overflow-hidden rounded-full bg-subtle sm:inline-block" aria-hidden>
        <span className={`block h-full rounded-full ${color}`} style={{ width: `${Math.round((rate ?? 0) * 100)}%` }} />
      </span>
      <span className="w-12 text-right">{formatRate(rate)}</span>
    </span>
  );
}
