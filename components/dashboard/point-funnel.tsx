"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ArrowDown, ChevronLeft } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { ChartLegend, CHART_COLORS } from "@/components/charts/chart-tooltip";
import type { OutcomeStage } from "@/components/charts/outcome-trend-chart";
import { Card, CardHeader } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { Segmented } from "@/components/ui/segmented";
import { Skeleton } from "@/components/ui/skeleton";
import { INTERVENTION_POINT_NAMES, type InterventionPoint } from "@/lib/domain";
import { bucketLabel, bucketRange, bucketTitle } from "@/lib/dashboard/buckets";
import { csvName, csvRate, downloadCsv } from "@/lib/dashboard/csv";
import { filtersQuery, journeysHref } from "@/lib/dashboard/filters";
import { formatCount, formatDayRange, formatInterval, formatRate } from "@/lib/dashboard/format";
import { useCallTypeNames, useJourneyFilters } from "@/lib/dashboard/hooks";
import { type FunnelStepFigures, type Rate, FUNNEL_STEPS, funnelSteps, rateOf } from "@/lib/dashboard/metrics";
import { POINT_OFFERS } from "@/lib/dashboard/points";
import { funnelOptions, timeseriesOptions } from "@/lib/dashboard/queries";
import { STAGE_LABELS, STAGE_NOUNS } from "@/lib/dashboard/stages";
import type { Stage } from "@/lib/domain";
import type { StageCounts, TimeseriesInterval } from "@/lib/metrics/types";
import { AsOfLine } from "./as-of";
import { BeforeAfter } from "./before-after";
import { BreakdownTable } from "./breakdown-table";
import { CountLink } from "./count-link";
import { ChartDataTable } from "./data-table";
import { ExportButton } from "./export-button";
import { CHANNEL_NAMES, FilterBar } from "./filter-bar";
import { ChangeList, changeMarkers, useConfigChanges } from "./change-markers";
import { MetricInfo, MetricTerm } from "./metric-term";

const OutcomeTrendChart = dynamic(() => import("@/components/charts/outcome-trend-chart").then((m) => m.OutcomeTrendChart), {
  ssr: false,
  loading: () => <Skeleton className="h-[260px] w-full" />,
});

const INTERVALS: { value: TimeseriesInterval; label: string }[] = [
  { value: "day", label: "Day" },
  { value: "week", label: "Week" },
  { value: "month", label: "Month" },
];

/** One intervention point's funnel: the path with its drop-offs, the failures beside it, its trend and its breakdowns. */
export function PointFunnel({ point }: { point: InterventionPoint }) {
  const router = useRouter();
  const name = INTERVENTION_POINT_NAMES[point];
  const { filters, interval, setUrl } = useJourneyFilters(point);
  const byCallType = useQuery({ ...funnelOptions({ ...filters, breakdown: "callType" }), placeholderData: keepPreviousData });
  const byChannel = useQuery({ ...funnelOptions({ ...filters, breakdown: "channel" }), placeholderData: keepPreviousData });
  const trend = useQuery({ ...timeseriesOptions({ ...filters, interval }), placeholderData: keepPreviousData });
  const changes = useConfigChanges(filters, point);
  const callTypeNames = useCallTypeNames();
  const counts = byCallType.data?.totals;
  const link = (stage: Stage) => journeysHref({ ...filters, stage });

  const exportSteps = async () => {
    if (!counts) return;
    await downloadCsv(
      csvName(`funnel_${point}`, [filters.from, filters.to, filters.callType, filters.channel]),
      ["stage", "journeys", "of_previous_step", "ci95_low", "ci95_high", "dropped_off", "of_offered"],
      [
        ...funnelSteps(counts).map((step) => [
          step.stage,
          step.count,
          csvRate(step.conversion?.value),
          csvRate(step.conversion?.interval?.low),
          csvRate(step.conversion?.interval?.high),
          step.dropOff,
          csvRate(step.ofOffered.value),
        ]),
        ...(["escalated", "bounced", "pending"] as const).map((stage) => {
          const rate = rateOf(counts[stage], counts.engaged);
          return [stage, counts[stage], null, csvRate(rate.interval?.low), csvRate(rate.interval?.high), null, csvRate(rateOf(counts[stage], counts.offered).value)];
        }),
      ],
    );
  };

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/funnels${filtersQuery(filters)}`} className="inline-flex items-center gap-1 text-muted hover:text-ink">
          <ChevronLeft className="size-4" aria-hidden />
          All funnels
        </Link>
      </nav>
      <PageHeader
        title={name}
        description={
          <>
            {POINT_OFFERS[point].offer} Usual path: {POINT_OFFERS[point].path}.
          </>
        }
        actions={<ExportButton onExport={exportSteps} disabled={!counts} />}
      />
      <FilterBar point={point} pointMode="navigate" />
      <AsOfLine className="mt-3" updating={byCallType.isPlaceholderData || trend.isPlaceholderData}>
        <span className="font-medium text-ink-2">{formatDayRange(filters.from, filters.to)}</span>
      </AsOfLine>

      {byCallType.isError ? (
        <Card className="mt-5">
          <ErrorState error={byCallType.error} onRetry={() => void byCallType.refetch()} />
        </Card>
      ) : (
        <div className="mt-5 grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
          <Card>
            <CardHeader title="From offer to confirmed deflection" description="Each step with the share of the previous one that reached it, its 95% interval, and the journeys lost on the way." />
            {counts ? <FunnelSteps counts={counts} link={link} pointName={name} /> : <Skeleton className="m-5 h-80" />}
          </Card>
          <Card>
            <CardHeader title="Beside the path" description="Failures are counted as loudly as successes." />
            {counts ? <SideOutcomes counts={counts} link={link} /> : <Skeleton className="m-5 h-72" />}
          </Card>
        </div>
      )}

      <Card className="mt-6">
        <CardHeader
          title="Outcomes over time"
          description="Confirmed and pending deflections above the line, bounce-backs below it; the line is bot containment. Click a bar for its journeys."
          actions={
            <>
              <Segmented label="Group by" value={interval} options={INTERVALS} onChange={(value) => void setUrl({ interval: value })} />
              <ExportButton
                label="CSV"
                disabled={!trend.data}
                onExport={async () => {
                  if (!trend.data) return;
                  await downloadCsv(
                    csvName(`trend_${point}`, [filters.from, filters.to, interval, filters.callType, filters.channel]),
                    ["bucket", "offered", "accepted", "engaged", "resolved", "escalated", "bounced", "deflected", "pending", "containment_rate"],
                    trend.data.buckets.map((b) => [b.bucket, b.offered, b.accepted, b.engaged, b.resolved, b.escalated, b.bounced, b.deflected, b.pending, csvRate(rateOf(b.resolved, b.engaged).value)]),
                  );
                }}
              />
            </>
          }
        />
        {trend.isError ? (
          <ErrorState error={trend.error} onRetry={() => void trend.refetch()} />
        ) : (
          <>
            <figure className="px-3 pb-2 pt-4 sm:px-5" aria-label={`${name}: outcomes by ${interval}`}>
              {trend.data ? (
                <OutcomeTrendChart
                  height={260}
                  rateLabel="Bot containment"
                  markers={changeMarkers(changes, trend.data.interval)}
                  data={trend.data.buckets.map((b) => ({
                    bucket: b.bucket,
                    label: bucketLabel(b.bucket, trend.data.interval),
                    title: bucketTitle(b.bucket, trend.data.interval),
                    deflected: b.deflected,
                    pending: b.pending,
                    bounced: b.bounced,
                    rate: rateOf(b.resolved, b.engaged).value,
                  }))}
                  onSelect={(bucket: string, stage: OutcomeStage) => router.push(journeysHref({ ...filters, ...bucketRange(bucket, trend.data.interval, filters), stage }))}
                />
              ) : (
                <Skeleton className="h-[260px] w-full" />
              )}
              <figcaption className="mt-2 px-2">
                <ChartLegend
                  items={[
                    { label: "Confirmed deflections", color: CHART_COLORS.deflected },
                    { label: "Pending confirmation", color: CHART_COLORS.pending, kind: "faded" },
                    { label: "Bounce-backs", color: CHART_COLORS.bounced },
                    { label: "Bot containment", color: CHART_COLORS.rate, kind: "line" },
                  ]}
                />
              </figcaption>
            </figure>
            <ChangeList changes={changes} />
            {trend.data ? (
              <ChartDataTable
                caption={`${name}: outcomes per period`}
                header={[interval === "day" ? "Day" : interval === "week" ? "Week of" : "Month", "Engaged", "Resolved", "Deflected", "Pending", "Bounced", "Containment"]}
                rows={trend.data.buckets.map((b) => {
                  const range = bucketRange(b.bucket, trend.data.interval, filters);
                  const title = bucketTitle(b.bucket, trend.data.interval);
                  const bucketLink = (stage: Stage) => journeysHref({ ...filters, ...range, stage });
                  return [
                    title,
                    <CountLink key="e" count={b.engaged} href={bucketLink("engaged")} what={`engaged, ${title}`} />,
                    <CountLink key="r" count={b.resolved} href={bucketLink("resolved")} what={`resolved, ${title}`} />,
                    <CountLink key="d" count={b.deflected} href={bucketLink("deflected")} what={`confirmed deflections, ${title}`} />,
                    <CountLink key="p" count={b.pending} href={bucketLink("pending")} what={`pending, ${title}`} />,
                    <CountLink key="b" count={b.bounced} href={bucketLink("bounced")} what={`bounce-backs, ${title}`} />,
                    formatRate(rateOf(b.resolved, b.engaged).value),
                  ];
                })}
              />
            ) : null}
          </>
        )}
      </Card>

      <BeforeAfter point={point} changes={changes} filters={filters} />

      <div className="mt-6 grid gap-6">
        <BreakdownTable
          title="By call type"
          description="What customers came about, largest first. Open a count for its journeys."
          dimension="callType"
          rows={byCallType.data?.breakdown}
          labelOf={(key) => callTypeNames.get(key) ?? key}
          filters={filters}
          isError={byCallType.isError}
          error={byCallType.error}
          onRetry={() => void byCallType.refetch()}
        />
        <BreakdownTable
          title="By channel"
          description="Where the conversation happened."
          dimension="channel"
          rows={byChannel.data?.breakdown}
          labelOf={(key) => CHANNEL_NAMES[key as keyof typeof CHANNEL_NAMES] ?? key}
          filters={filters}
          isError={byChannel.isError}
          error={byChannel.error}
          onRetry={() => void byChannel.refetch()}
        />
      </div>
    </>
  );
}

function FunnelSteps({ counts, link, pointName }: { counts: StageCounts; link: (stage: Stage) => string; pointName: string }) {
  const steps = funnelSteps(counts);
  if (counts.offered === 0 && counts.engaged === 0) {
    return <p className="px-5 py-10 text-center text-sm text-muted">No offer was shown at {pointName} in this period with these filters.</p>;
  }
  return (
    <ol className="px-5 py-4">
      {steps.map((step, index) => (
        <li key={step.stage}>
          {step.conversion ? <StepConnector step={step} previous={FUNNEL_STEPS[index - 1]} /> : null}
          {/* Phone: name and count on one line, the bar below. Wider: name, bar, count in a row. */}
          <div className="grid grid-cols-[1fr_auto] items-center gap-x-3 gap-y-1 sm:grid-cols-[8rem_minmax(0,1fr)_6rem]">
            <div className="col-start-1 row-start-1">
              <MetricTerm metric={step.stage} label={STAGE_LABELS[step.stage]} className="text-sm font-medium text-ink" />
            </div>
            <div className="col-span-2 row-start-2 h-7 min-w-0 overflow-hidden rounded bg-subtle sm:col-span-1 sm:col-start-2 sm:row-start-1 sm:h-8" aria-hidden>
              <div
                className={step.stage === "deflected" ? "h-full rounded bg-good" : "h-full rounded bg-brand"}
                style={{ width: `${Math.max(step.count > 0 ? 0.8 : 0, (step.ofOffered.value ?? 0) * 100)}%`, opacity: step.stage === "deflected" ? 1 : 1 - index * 0.12 }}
              />
            </div>
            <div className="col-start-2 row-start-1 text-right text-base font-semibold sm:col-start-3" data-stage={step.stage}>
              <CountLink count={step.count} href={link(step.stage)} what={STAGE_NOUNS[step.stage]} />
            </div>
          </div>
          {step.stage === "deflected" ? (
            <p className="mt-1.5 text-xs text-muted sm:pl-[8.75rem]">
              {formatRate(step.ofOffered.value)} of offered journeys ended in a confirmed deflection (95% CI {formatInterval(step.ofOffered.interval)}).
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function StepConnector({ step, previous }: { step: FunnelStepFigures; previous: Stage }) {
  const conversion = step.conversion as Rate;
  return (
    <div className="py-1.5 sm:pl-[8.75rem]">
      <p className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-0.5 text-xs">
        <span className="inline-flex items-center gap-1 font-medium text-ink-2">
          <ArrowDown className="size-3.5 text-faint" aria-hidden />
          {formatRate(conversion.value)} of {STAGE_LABELS[previous].toLowerCase()}
        </span>
        <span className="text-muted">95% CI {formatInterval(conversion.interval)}</span>
        {step.dropOff !== null && step.dropOff > 0 ? (
          <span className="text-bad">
            −{formatCount(step.dropOff)} dropped off
            <span className="sr-only"> between {STAGE_LABELS[previous].toLowerCase()} and {STAGE_LABELS[step.stage].toLowerCase()}</span>
          </span>
        ) : null}
      </p>
    </div>
  );
}

function SideOutcomes({ counts, link }: { counts: StageCounts; link: (stage: Stage) => string }) {
  const items: { stage: "bounced" | "escalated" | "pending"; label: string; metric: "bounced" | "escalated" | "pending"; tone: string; soft: string; rate: Rate; note: string }[] = [
    {
      stage: "bounced",
      label: "Bounced back to the phone",
      metric: "bounced",
      tone: "text-bad",
      soft: "border-bad/25 bg-bad-soft",
      rate: rateOf(counts.bounced, counts.engaged),
      note: "of engaged",
    },
    {
      stage: "escalated",
      label: "Escalated to a human",
      metric: "escalated",
      tone: "text-warn",
      soft: "border-warn/25 bg-warn-soft",
      rate: rateOf(counts.escalated, counts.engaged),
      note: "of engaged",
    },
    {
      stage: "pending",
      label: "Pending confirmation",
      metric: "pending",
      tone: "text-info",
      soft: "border-info/25 bg-info-soft",
      rate: rateOf(counts.pending, counts.resolved),
      note: "of resolved",
    },
  ];
  const containment = rateOf(counts.resolved, counts.engaged);
  return (
    <div className="space-y-3 p-5">
      {items.map((item) => (
        <div key={item.stage} className={`rounded-lg border p-3 ${item.soft}`}>
          <p className={`flex items-center gap-1 text-sm font-medium ${item.tone}`}>
            {item.label}
            <MetricInfo metric={item.metric} label={item.label} />
          </p>
          <p className="mt-1 flex items-baseline justify-between gap-2">
            <span className="text-2xl font-semibold">
              <CountLink count={counts[item.stage]} href={link(item.stage)} what={STAGE_NOUNS[item.stage]} className={item.tone} />
            </span>
            <span className="text-right text-xs text-muted">
              <span className={`font-semibold ${item.tone}`}>{formatRate(item.rate.value)}</span> {item.note}
              <span className="block text-muted">95% CI {formatInterval(item.rate.interval)}</span>
            </span>
          </p>
        </div>
      ))}
      <div className="rounded-lg border border-line p-3">
        <MetricTerm metric="containmentRate" label="Bot containment" className="text-sm font-medium text-ink-2" />
        <p className="mt-1 flex items-baseline justify-between">
          <span className="text-2xl font-semibold">{formatRate(containment.value)}</span>
          <span className="text-xs text-muted">
            {formatCount(counts.resolved)} of {formatCount(counts.engaged)} · 95% CI {formatInterval(containment.interval)}
          </span>
        </p>
      </div>
    </div>
  );
}

