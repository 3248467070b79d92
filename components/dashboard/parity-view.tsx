"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ChevronRight, MessageSquareWarning } from "lucide-react";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { Fragment, useEffect, useState } from "react";
import { ChartLegend } from "@/components/charts/chart-tooltip";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { DateRangePicker } from "@/components/ui/date-range-picker";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { csvName, csvRate, downloadCsv } from "@/lib/dashboard/csv";
import { journeysHref } from "@/lib/dashboard/filters";
import { formatCount, formatDayRange, formatInterval, formatMoney, formatRate } from "@/lib/dashboard/format";
import { useParityFilters, useSettings } from "@/lib/dashboard/hooks";
import { rateOf } from "@/lib/dashboard/metrics";
import { MAX_PERIOD_DAYS, periodPresets } from "@/lib/dashboard/period";
import { parityOptions } from "@/lib/dashboard/queries";
import type { Stage } from "@/lib/domain";
import { PARITY_STATUSES, type ParityRow, type ParityStatus } from "@/lib/metrics/types";
import { cn } from "@/lib/ui/cn";
import { AsOfLine } from "./as-of";
import { CountLink } from "./count-link";
import { useDashboard } from "./dashboard-provider";
import { ExportButton } from "./export-button";
import { ChannelSelect, PointSelect } from "./filter-bar";
import { MetricTerm } from "./metric-term";

const ParityGapChart = dynamic(() => import("@/components/charts/parity-gap-chart").then((m) => m.ParityGapChart), {
  ssr: false,
  loading: () => <Skeleton className="h-80 w-full" />,
});

export const STATUS_LABELS: Record<ParityStatus, string> = { uncovered: "Uncovered", below_target: "Below target", at_parity: "At parity" };
const STATUS_TONES: Record<ParityStatus, BadgeTone> = { uncovered: "bad", below_target: "warn", at_parity: "good" };
const CHART_ROWS = 12;

/** Knowledge parity: call types that reach agents but that the bot cannot resolve, ranked by what fixing them is worth. */
export function ParityView() {
  const router = useRouter();
  const { today } = useDashboard();
  const settings = useSettings();
  const { params, period, status, url, setUrl } = useParityFilters();
  const parity = useQuery({ ...parityOptions(params), placeholderData: keepPreviousData });
  const compact = useNarrowScreen();
  const currency = settings?.currency ?? "USD";
  const target = settings?.resolutionTarget ?? 0.7;
  const all = parity.data?.callTypes;
  const rows = all?.filter((row) => !status || row.status === status);
  const [showAll, setShowAll] = useState(false);
  // The table lists the call types with a gap first; those at parity (no opportunity) one click away.
  const withGap = rows?.filter((row) => row.opportunity > 0);
  const shown = rows && withGap && !showAll && withGap.length > 0 ? withGap : rows;
  const link = (callType: string, stage: Stage) =>
    journeysHref({ ...period, point: params.point, channel: params.channel, asOf: params.asOf, callType, stage });

  const exportCsv = async () => {
    if (!shown) return;
    await downloadCsv(
      csvName("parity", [period.from, period.to, params.point, params.channel, status]),
      ["rank", "call_type", "name", "status", "phone_calls", "engaged", "resolved", "escalated", "bounced", "resolution_rate", "ci95_low", "ci95_high", `opportunity_${currency}`, "top_unresolved"],
      shown.map((row) => {
        const rate = rateOf(row.resolved, row.engaged);
        return [
          (all?.indexOf(row) ?? 0) + 1,
          row.callType,
          row.name,
          row.status,
          row.phoneCalls,
          row.engaged,
          row.resolved,
          row.escalated,
          row.bounced,
          csvRate(row.resolutionRate),
          csvRate(rate.interval?.low),
          csvRate(rate.interval?.high),
          row.opportunity,
          row.topUnresolved.map((u) => `${u.text} (${u.count})`).join(" | "),
        ];
      }),
    );
  };

  return (
    <>
      <PageHeader
        title="Knowledge parity"
        description="Call types that reach agents by phone but that the bot cannot resolve, ranked by what closing the gap to the resolution target would save."
        actions={<ExportButton onExport={exportCsv} disabled={!rows} />}
      />
      <div role="search" aria-label="Filters" className="grid grid-cols-2 items-end gap-3 rounded-lg border border-line bg-surface p-3 shadow-[0_1px_2px_rgba(16,24,40,0.04)] md:flex md:flex-wrap">
        <div className="col-span-2 md:w-80">
          <DateRangePicker
            value={period}
            presets={periodPresets(today)}
            onChange={(range) => void setUrl({ from: range.from, to: range.to })}
            max={today}
            maxDays={MAX_PERIOD_DAYS}
            describe={(range) => formatDayRange(range.from, range.to)}
          />
        </div>
        <PointSelect value={url.point} onChange={(value) => void setUrl({ point: value })} />
        <ChannelSelect value={url.channel} onChange={(value) => void setUrl({ channel: value })} />
        <Select
          label="Status"
          className="col-span-2 sm:col-span-1 md:w-48"
          value={status ?? ""}
          onChange={(event) => void setUrl({ status: (event.target.value || null) as ParityStatus | null })}
          options={[{ value: "", label: "All statuses" }, ...PARITY_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] }))]}
        />
      </div>
      <AsOfLine className="mt-3" updating={parity.isPlaceholderData}>
        <span className="font-medium text-ink-2">{formatDayRange(period.from, period.to)}</span>
        <span>Resolution target {formatRate(target)}</span>
        {params.point || params.channel ? <span>Phone calls: all points and channels (a call has neither)</span> : null}
      </AsOfLine>

      {parity.isError ? (
        <Card className="mt-5">
          <ErrorState error={parity.error} onRetry={() => void parity.refetch()} />
        </Card>
      ) : (
        <>
          <Summary rows={all} currency={currency} status={status} onStatus={(value) => void setUrl({ status: value })} />
          <Card className="mt-6">
            <CardHeader
              title="Largest gaps"
              description={`The ${CHART_ROWS} call types whose gap is worth the most. Uncovered: the bot never had the conversation. Below target: it did, and resolved too few.`}
            />
            <figure className="px-3 pb-3 pt-4 sm:px-5" aria-label="Opportunity by call type, largest first">
              {rows ? (
                rows.filter((row) => row.opportunity > 0).length > 0 ? (
                  <ParityGapChart
                    compact={compact}
                    currency={currency}
                    target={target}
                    data={rows
                      .filter((row) => row.opportunity > 0)
                      .slice(0, CHART_ROWS)
                      .map((row) => ({
                        callType: row.callType,
                        name: row.name,
                        opportunity: row.opportunity,
                        status: row.status,
                        phoneCalls: row.phoneCalls,
                        engaged: row.engaged,
                        resolutionRate: row.resolutionRate,
                      }))}
                    onSelect={(callType) => router.push(link(callType, "engaged"))}
                  />
                ) : (
                  <EmptyState title="No gap worth closing">Every call type with these filters is at or above the resolution target.</EmptyState>
                )
              ) : (
                <Skeleton className="h-80 w-full" />
              )}
              <figcaption className="mt-2 px-2">
                <ChartLegend
                  items={[
                    { label: "Uncovered", color: "var(--color-bad)" },
                    { label: "Below target", color: "var(--color-warn)" },
                  ]}
                />
              </figcaption>
            </figure>
          </Card>
          <ParityTable rows={rows} shown={shown} showAll={showAll} onShowAll={setShowAll} all={all} currency={currency} link={link} />
        </>
      )}
    </>
  );
}

/** True below 640 px, where charts shorten their labels. */
function useNarrowScreen(): boolean {
  const [narrow, setNarrow] = useState(false);
  useEffect(() => {
    const query = window.matchMedia("(max-width: 639px)");
    const update = () => setNarrow(query.matches);
    update();
    query.addEventListener("change", update);
    return () => query.removeEventListener("change", update);
  }, []);
  return narrow;
}

function Summary({ rows, currency, status, onStatus }: { rows: ParityRow[] | undefined; currency: string; status: ParityStatus | null; onStatus: (status: ParityStatus | null) => void }) {
  if (!rows) {
    return (
      <div className="mt-5 grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-24 rounded-lg" />
        ))}
      </div>
    );
  }
  const total = rows.reduce((sum, row) => sum + Math.round(row.opportunity * 100), 0) / 100;
  const of = (value: ParityStatus) => rows.filter((row) => row.status === value);
  const tiles: { status: ParityStatus; tone: string }[] = [
    { status: "uncovered", tone: "text-bad" },
    { status: "below_target", tone: "text-warn" },
    { status: "at_parity", tone: "text-good" },
  ];
  return (
    <div className="mt-5 grid grid-cols-2 gap-3 sm:gap-4 xl:grid-cols-4">
      <section aria-label="Total opportunity" className="col-span-2 rounded-lg border border-line bg-surface p-4 xl:col-span-1">
        <MetricTerm metric="opportunity" label="Total opportunity" className="text-[13px] font-medium text-muted" />
        <p className="mt-1 text-[26px] font-semibold tracking-tight" data-testid="total-opportunity">
          {formatMoney(total, currency)}
        </p>
        <p className="text-xs text-muted">over {formatCount(rows.length)} call types, for this period</p>
      </section>
      {tiles.map((tile) => {
        const matching = of(tile.status);
        const calls = matching.reduce((sum, row) => sum + row.phoneCalls, 0);
        const pressed = status === tile.status;
        return (
          <button
            key={tile.status}
            type="button"
            aria-pressed={pressed}
            onClick={() => onStatus(pressed ? null : tile.status)}
            className={cn(
              "rounded-lg border bg-surface p-4 text-left transition-colors hover:border-line-strong",
              pressed ? "border-brand ring-2 ring-brand/20" : "border-line",
            )}
          >
            <span className={cn("text-[13px] font-medium", tile.tone)}>{STATUS_LABELS[tile.status]}</span>
            <span className="mt-1 block text-[26px] font-semibold tracking-tight text-ink">
              {formatCount(matching.length)} <span className="text-sm font-normal text-muted">call types</span>
            </span>
            <span className="block text-xs text-muted">{formatCount(calls)} phone calls</span>
            <span className="mt-1 block text-xs font-medium text-brand">{pressed ? "Showing only these" : "Show only these"}</span>
          </button>
        );
      })}
    </div>
  );
}

function ParityTable({
  rows,
  shown,
  showAll,
  onShowAll,
  all,
  currency,
  link,
}: {
  rows: ParityRow[] | undefined;
  shown: ParityRow[] | undefined;
  showAll: boolean;
  onShowAll: (showAll: boolean) => void;
  all: ParityRow[] | undefined;
  currency: string;
  link: (callType: string, stage: Stage) => string;
}) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const target = useSettings()?.resolutionTarget ?? 0.7;
  const withGap = rows?.filter((row) => row.opportunity > 0).length ?? 0;
  const hidden = rows && shown ? rows.length - shown.length : 0;
  const toggle = (callType: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(callType)) next.delete(callType);
      else next.add(callType);
      return next;
    });
  return (
    <Card className="mt-6">
      <CardHeader title="Call types, ranked by opportunity" description="Open a row for what customers asked that the bot could not answer. Counts open the journeys behind them." />
      {rows && rows.length === 0 ? (
        <EmptyState title="No call type in this period">No phone call and no bot conversation with these filters.</EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[60rem] text-sm">
            <caption className="sr-only">Knowledge parity by call type, ranked by opportunity</caption>
            <thead>
              <tr className="border-b border-line bg-subtle/60 text-xs text-muted">
                <th scope="col" className="w-10 px-3 py-2.5 text-right font-medium">
                  #
                </th>
                <th scope="col" className="sticky left-0 bg-subtle px-3 py-2.5 text-left font-medium">
                  Call type
                </th>
                <th scope="col" className="px-3 py-2.5 text-left font-medium">
                  <MetricTerm metric="parityStatus" label="Status" />
                </th>
                <th scope="col" className="px-3 py-2.5 text-right font-medium">
                  <MetricTerm metric="phoneCalls" label="Phone calls" />
                </th>
                <th scope="col" className="px-3 py-2.5 text-right font-medium">
                  <MetricTerm metric="engaged" label="Engaged" />
                </th>
                <th scope="col" className="px-3 py-2.5 text-left font-medium">
                  <MetricTerm metric="resolutionRate" label="Resolution rate" />
                </th>
                <th scope="col" className="px-3 py-2.5 text-right font-medium">
                  <MetricTerm metric="bounced" label="Bounced" />
                </th>
                <th scope="col" className="px-5 py-2.5 text-right font-medium">
                  <MetricTerm metric="opportunity" label="Opportunity" />
                </th>
              </tr>
            </thead>
            <tbody>
              {shown
                ? shown.map((row) => {
                    const expanded = open.has(row.callType);
                    const rate = rateOf(row.resolved, row.engaged);
                    const detailsId = `unresolved-${row.callType}`;
                    return (
                      <Fragment key={row.callType}>
                        <tr className={cn("border-b border-line/70 hover:bg-subtle/50", expanded && "bg-subtle/40")} data-call-type={row.callType}>
                          <td className="px-3 py-2 text-right tabular-nums text-muted">{(all?.indexOf(row) ?? 0) + 1}</td>
                          <th scope="row" className="sticky left-0 max-w-64 bg-surface px-3 py-2 text-left font-medium">
                            <button
                              type="button"
                              aria-expanded={expanded}
                              aria-controls={detailsId}
                              onClick={() => toggle(row.callType)}
                              className="flex max-w-full items-center gap-1.5 rounded text-left text-ink hover:text-brand"
                            >
                              <ChevronRight className={cn("size-4 shrink-0 text-faint transition-transform", expanded && "rotate-90")} aria-hidden />
                              <span className="truncate">{row.name}</span>
                              <span className="sr-only">: top unresolved utterances</span>
                            </button>
                          </th>
                          <td className="px-3 py-2">
                            <Badge tone={STATUS_TONES[row.status]}>{STATUS_LABELS[row.status]}</Badge>
                          </td>
                          <td className="px-3 py-2 text-right tabular-nums">{formatCount(row.phoneCalls)}</td>
                          <td className="px-3 py-2 text-right">
                            <CountLink count={row.engaged} href={link(row.callType, "engaged")} what={`bot conversations about ${row.name}`} />
                          </td>
                          <td className="px-3 py-2">
                            <ResolutionGauge rate={rate.value} interval={rate.interval} target={target} />
                          </td>
                          <td className="px-3 py-2 text-right">
                            <CountLink count={row.bounced} href={link(row.callType, "bounced")} what={`bounce-backs about ${row.name}`} className="text-bad decoration-bad/30" />
                          </td>
                          <td className="px-5 py-2 text-right font-semibold tabular-nums">{formatMoney(row.opportunity, currency)}</td>
                        </tr>
                        <tr id={detailsId} hidden={!expanded} className="border-b border-line/70 bg-subtle/40">
                          <td />
                          <td colSpan={7} className="px-3 pb-4 pt-1">
                            <UnresolvedDetails row={row} link={link} />
                          </td>
                        </tr>
                      </Fragment>
                    );
                  })
                : Array.from({ length: 10 }, (_, i) => (
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
      {rows && withGap > 0 && rows.length > withGap ? (
        <div className="border-t border-line px-5 py-2.5 text-sm">
          <button type="button" aria-expanded={showAll} className="font-medium text-brand hover:underline" onClick={() => onShowAll(!showAll)}>
            {showAll ? "Show only the call types with a gap" : `Show ${formatCount(hidden)} more call types with no gap (at parity)`}
          </button>
        </div>
      ) : null}
    </Card>
  );
}

/** The resolution rate on a 0–100% track, its 95% interval as a band and the target as a tick. */
function ResolutionGauge({ rate, interval, target }: { rate: number | null; interval: { low: number; high: number } | null; target: number }) {
  if (rate === null) return <span className="text-xs text-muted">no bot conversation</span>;
  const below = rate < target;
  return (
    <div className="flex items-center gap-2">
      <div className="relative h-2 w-24 shrink-0 rounded-full bg-line/70" aria-hidden>
        {interval ? (
          <div className="absolute inset-y-0 rounded-full bg-ink/15" style={{ left: `${interval.low * 100}%`, width: `${(interval.high - interval.low) * 100}%` }} />
        ) : null}
        <div className={cn("absolute top-1/2 size-2.5 -translate-x-1/2 -translate-y-1/2 rounded-full ring-2 ring-surface", below ? "bg-warn" : "bg-good")} style={{ left: `${rate * 100}%` }} />
        <div className="absolute -inset-y-1 w-0.5 -translate-x-1/2 bg-ink-2" style={{ left: `${target * 100}%` }} />
      </div>
      <span className="whitespace-nowrap tabular-nums">
        <span className={cn("font-medium", below ? "text-warn" : "text-good")}>{formatRate(rate)}</span>
        <span className="ml-1 text-[11px] text-muted">{formatInterval(interval)}</span>
      </span>
    </div>
  );
}

function UnresolvedDetails({ row, link }: { row: ParityRow; link: (callType: string, stage: Stage) => string }) {
  return (
    <div className="grid gap-4 rounded-md border border-line bg-surface p-3 md:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
      <div>
        <h3 className="flex items-center gap-1 text-xs font-semibold uppercase tracking-wide text-muted">
          <MessageSquareWarning className="size-3.5" aria-hidden />
          <MetricTerm metric="topUnresolved" label="Top unresolved utterances" />
        </h3>
        {row.topUnresolved.length === 0 ? (
          <p className="mt-2 text-sm text-muted">
            {row.engaged === 0 ? "The bot never had this conversation: every one of these customers reached an agent." : "No unresolved conversation carried an utterance."}
          </p>
        ) : (
          <ol className="mt-2 space-y-1">
            {row.topUnresolved.map((utterance) => (
              <li key={utterance.text} className="flex items-start justify-between gap-3 text-sm">
                <q className="text-ink-2">{utterance.text}</q>
                <span className="shrink-0 tabular-nums text-muted">× {formatCount(utterance.count)}</span>
              </li>
            ))}
          </ol>
        )}
      </div>
      <dl className="grid grid-cols-3 gap-2 self-start text-center text-xs md:grid-cols-1 md:text-left">
        {(
          [
            ["resolved", "Resolved by the bot"],
            ["escalated", "Escalated to a human"],
            ["bounced", "Called back anyway"],
          ] as const
        ).map(([stage, label]) => (
          <div key={stage} className="rounded bg-subtle px-2 py-1.5 md:flex md:items-center md:justify-between">
            <dt className="text-muted">{label}</dt>
            <dd className="font-semibold">
              <CountLink count={row[stage]} href={link(row.callType, stage)} what={`${label.toLowerCase()}, ${row.name}`} />
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
