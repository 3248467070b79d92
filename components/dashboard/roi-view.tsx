"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Settings2, Sparkles } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { ChartLegend, CHART_COLORS } from "@/components/charts/chart-tooltip";
import { Card, CardHeader } from "@/components/ui/card";
import { MonthRangePicker } from "@/components/ui/month-range-picker";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { csvName, csvRate, downloadCsv } from "@/lib/dashboard/csv";
import { journeysHref } from "@/lib/dashboard/filters";
import { formatCount, formatMoney, formatMonth, formatMonthRange, formatMonthShort, formatRate } from "@/lib/dashboard/format";
import { useCallTypeNames, useRoiFilters, useSettings } from "@/lib/dashboard/hooks";
import { netSavingCents, rateOf } from "@/lib/dashboard/metrics";
import { MAX_ROI_MONTHS, addMonths, lastDayOfMonth, monthOfDay, monthPresets } from "@/lib/dashboard/period";
import { impactOptions, netSavingsTotal } from "@/lib/dashboard/impact";
import { roiOptions } from "@/lib/dashboard/queries";
import { roiStory } from "@/lib/dashboard/roi-story";
import type { RoiResult } from "@/lib/metrics/types";
import type { NetSavingsCosts } from "@/lib/settings/schema";
import { AsOfLine } from "./as-of";
import { CountLink } from "./count-link";
import { useDashboard } from "./dashboard-provider";
import { ExportButton } from "./export-button";
import { CallTypeSelect, ChannelSelect, PointSelect } from "./filter-bar";
import { MetricTerm } from "./metric-term";

const RoiSavingsChart = dynamic(() => import("@/components/charts/roi-savings-chart").then((m) => m.RoiSavingsChart), {
  ssr: false,
  loading: () => <Skeleton className="h-[280px] w-full" />,
});
const RoiDeflectionChart = dynamic(() => import("@/components/charts/roi-deflection-chart").then((m) => m.RoiDeflectionChart), {
  ssr: false,
  loading: () => <Skeleton className="h-[260px] w-full" />,
});

/** Months selectable in the picker: the last three years. */
function selectableMonths(today: string) {
  const current = monthOfDay(today);
  return Array.from({ length: MAX_ROI_MONTHS }, (_, i) => addMonths(current, -i)).map((month) => ({ value: month, label: formatMonth(month) }));
}

/** The executives' page: what deflection is worth, month by month, with the assumptions behind it. */
export function RoiView() {
  const router = useRouter();
  const { today, canEditSettings } = useDashboard();
  const settings = useSettings();
  const { months, params, url, setUrl } = useRoiFilters();
  const roi = useQuery({ ...roiOptions(params), placeholderData: keepPreviousData });
  const currency = roi.data?.currency ?? settings?.currency ?? "USD";
  const currentMonth = monthOfDay(today);
  const journeyFilters = { point: params.point, callType: params.callType, channel: params.channel };
  const monthLink = (month: string) =>
    journeysHref({ from: `${month}-01`, to: lastDayOfMonth(month), ...journeyFilters, asOf: params.asOf, stage: "deflected" });
  const rows = roi.data ? withCumulative(roi.data) : undefined;
  // Net savings beside the attributed ones (docs/adr/026): what the holdouts say the offers caused, less SMS and bot costs.
  const impact = useQuery({
    ...impactOptions({ from: `${months.from}-01`, to: lastDayOfMonth(months.to), point: params.point, asOf: params.asOf }),
    placeholderData: keepPreviousData,
  });
  const net = impact.data ? netSavingsTotal(impact.data) : null;

  const exportCsv = async () => {
    if (!rows) return;
    await downloadCsv(
      csvName("roi", [months.from, months.to, params.point, params.callType, params.channel]),
      ["month", "deflected", "agent_calls", "deflection_rate", `savings_${currency}`, `cumulative_savings_${currency}`],
      rows.map((row) => [row.month, row.deflected, row.agentCalls, csvRate(row.deflectionRate), row.savings, row.cumulative]),
    );
  };

  const deflected = roi.data?.total.deflected ?? 0;
  const agentCalls = roi.data?.months.reduce((sum, month) => sum + month.agentCalls, 0) ?? 0;
  const rate = rateOf(deflected, deflected + agentCalls);

  return (
    <>
      <PageHeader title="ROI" description="What deflection is worth: confirmed deflections × (phone cost − digital cost), month by month." actions={<ExportButton onExport={exportCsv} disabled={!rows} />} />
      <div role="search" aria-label="Filters" className="flex flex-wrap items-end gap-3 rounded-lg border border-line bg-surface p-3 shadow-[0_1px_2px_rgba(16,24,40,0.04)]">
        <div className="w-full md:w-80">
          <MonthRangePicker
            value={months}
            presets={monthPresets(today)}
            months={selectableMonths(today)}
            onChange={(range) => void setUrl({ from: range.from, to: range.to })}
            maxMonths={MAX_ROI_MONTHS}
            describe={(range) => formatMonthRange(range.from, range.to)}
          />
        </div>
        <PointSelect className="w-full sm:w-auto md:w-56" value={url.point} onChange={(value) => void setUrl({ point: value })} />
        <CallTypeSelect className="w-full sm:w-auto md:w-56" value={url.callType} onChange={(value) => void setUrl({ callType: value })} />
        <ChannelSelect className="w-full sm:w-auto md:w-36" value={url.channel} onChange={(value) => void setUrl({ channel: value })} />
      </div>
      <AsOfLine className="mt-3" updating={roi.isPlaceholderData}>
        <span className="font-medium text-ink-2">{formatMonthRange(months.from, months.to)}</span>
        {params.point || params.channel ? <span>Agent calls: all points and channels (a call has neither)</span> : null}
      </AsOfLine>

      {roi.isError ? (
        <Card className="mt-5">
          <ErrorState error={roi.error} onRetry={() => void roi.refetch()} />
        </Card>
      ) : !roi.data || !rows ? (
        <div className="mt-5 space-y-4" aria-busy="true">
          <Skeleton className="h-20 rounded-lg" />
          <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
            {Array.from({ length: 4 }, (_, i) => (
              <Skeleton key={i} className="h-24 rounded-lg" />
            ))}
          </div>
          <Skeleton className="h-80 rounded-lg" />
        </div>
      ) : (
        <>
          <section aria-label="Summary" className="mt-5 flex gap-3 rounded-lg border border-brand/20 bg-brand-soft px-4 py-3.5">
            <Sparkles className="mt-0.5 size-5 shrink-0 text-brand" aria-hidden />
            <p className="text-[15px] leading-relaxed text-ink" data-testid="roi-story">
              {roiStory(roi.data.months, roi.data.total, currency, currentMonth)}
            </p>
          </section>

          <div className="mt-4 grid grid-cols-2 gap-3 sm:gap-4 xl:grid-cols-5">
            <Stat label="Attributed savings" metric="attributedSavings" value={formatMoney(roi.data.total.savings, currency)} detail={`over ${rows.length} ${rows.length === 1 ? "month" : "months"}`} testId="roi-total-savings" />
            <Stat
              label="Net savings"
              metric="netSavings"
              value={net && net.offers > 0 ? formatMoney(net.value, currency) : "—"}
              detail={
                !impact.data
                  ? impact.isError
                    ? "could not be loaded"
                    : "measuring…"
                  : net && net.offers > 0
                    ? `holdout-measured, ${net.offers} ${net.offers === 1 ? "offer" : "offers"}, after SMS and bot costs`
                    : "no offer with a holdout in these months"
              }
              testId="roi-net-savings"
              href="/impact"
            />
            <Stat
              label="Confirmed deflections"
              metric="deflected"
              value={<CountLink count={deflected} href={journeysHref({ from: `${months.from}-01`, to: lastDayOfMonth(months.to), ...journeyFilters, asOf: params.asOf, stage: "deflected" })} what="confirmed deflections" className="text-ink" />}
              detail="calls that did not reach an agent"
              testId="roi-total-deflected"
            />
            <Stat label="Deflection rate" metric="deflectionRate" value={formatRate(rate.value)} detail={`${formatCount(deflected)} of ${formatCount(deflected + agentCalls)} deflections + agent calls`} />
            <Stat
              label="Average per month"
              metric="roiSavings"
              value={formatMoney(Math.round((roi.data.total.savings / rows.length) * 100) / 100, currency)}
              detail={`${formatCount(Math.round(deflected / rows.length))} deflections a month`}
            />
          </div>

          {deflected === 0 && agentCalls === 0 ? (
            <Card className="mt-6">
              <EmptyState title="No activity in these months">No journey was offered and no call reached an agent. Choose other months.</EmptyState>
            </Card>
          ) : (
            <div className="mt-6 grid gap-6 xl:grid-cols-2">
              <Card className="min-w-0">
                <CardHeader title="Savings by month" description="Bars: each month's savings. Line: the running total. Click a month for its deflections." />
                <figure className="px-3 pb-3 pt-4 sm:px-5" aria-label="Monthly and cumulative savings">
                  <RoiSavingsChart
                    currency={currency}
                    data={rows.map((row) => ({
                      month: row.month,
                      label: formatMonthShort(row.month, rows.length > 12 || months.from.slice(0, 4) !== months.to.slice(0, 4)),
                      title: `${formatMonth(row.month)}${row.month === currentMonth ? " (so far)" : ""}`,
                      savings: row.savings,
                      cumulative: row.cumulative,
                      deflected: row.deflected,
                    }))}
                    onSelect={(month) => router.push(monthLink(month))}
                  />
                  <figcaption className="mt-2 px-2">
                    <ChartLegend
                      items={[
                        { label: "Monthly savings", color: CHART_COLORS.primary },
                        { label: "Cumulative savings", color: CHART_COLORS.tertiary, kind: "line" },
                      ]}
                    />
                  </figcaption>
                </figure>
              </Card>
              <Card className="min-w-0">
                <CardHeader title="Deflected calls and deflection rate" description="Bars: confirmed deflections. Line: deflections ÷ (deflections + agent calls)." />
                <figure className="px-3 pb-3 pt-4 sm:px-5" aria-label="Confirmed deflections and deflection rate by month">
                  <RoiDeflectionChart
                    height={280}
                    data={rows.map((row) => ({
                      month: row.month,
                      label: formatMonthShort(row.month, rows.length > 12 || months.from.slice(0, 4) !== months.to.slice(0, 4)),
                      title: `${formatMonth(row.month)}${row.month === currentMonth ? " (so far)" : ""}`,
                      deflected: row.deflected,
                      agentCalls: row.agentCalls,
                      rate: row.deflectionRate,
                    }))}
                    onSelect={(month) => router.push(monthLink(month))}
                  />
                  <figcaption className="mt-2 px-2">
                    <ChartLegend
                      items={[
                        { label: "Confirmed deflections", color: CHART_COLORS.secondary },
                        { label: "Deflection rate", color: CHART_COLORS.rate, kind: "line" },
                      ]}
                    />
                  </figcaption>
                </figure>
              </Card>
            </div>
          )}

          <div className="mt-6 grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
            <MonthTable rows={rows} currency={currency} currentMonth={currentMonth} monthLink={monthLink} total={roi.data.total} />
            <CostAssumptions canEdit={canEditSettings} />
          </div>
        </>
      )}
    </>
  );
}

type RoiRow = RoiResult["months"][number] & { cumulative: number };

function withCumulative(roi: RoiResult): RoiRow[] {
  let cents = 0;
  return roi.months.map((month) => {
    cents += Math.round(month.savings * 100);
    return { ...month, cumulative: cents / 100 };
  });
}

function Stat({ label, metric, value, detail, testId, href }: { label: string; metric: Parameters<typeof MetricTerm>[0]["metric"]; value: React.ReactNode; detail: string; testId?: string; href?: string }) {
  return (
    <section aria-label={label} className="min-w-0 rounded-lg border border-line bg-surface p-3 shadow-[0_1px_2px_rgba(16,24,40,0.04)] sm:p-4">
      <MetricTerm metric={metric} label={label} className="text-[13px] font-medium text-muted" />
      <p className="mt-1 text-xl font-semibold tracking-tight text-ink sm:text-[26px]" data-testid={testId}>
        {value}
      </p>
      <p className="text-xs text-muted">{detail}</p>
      {href ? (
        <Link href={href} className="mt-1 inline-block text-xs font-medium text-brand hover:underline">
          See each offer&apos;s impact
        </Link>
      ) : null}
    </section>
  );
}

function MonthTable({
  rows,
  currency,
  currentMonth,
  monthLink,
  total,
}: {
  rows: RoiRow[];
  currency: string;
  currentMonth: string;
  monthLink: (month: string) => string;
  total: { deflected: number; savings: number };
}) {
  return (
    <Card className="min-w-0">
      <CardHeader title="Month by month" description="A journey counts in the month of its first offer; the current month is still filling in." />
      <div className="overflow-x-auto">
        <table className="w-full min-w-[34rem] text-sm">
          <caption className="sr-only">ROI by month</caption>
          <thead>
            <tr className="border-b border-line bg-subtle/60 text-xs text-muted">
              <th scope="col" className="px-5 py-2.5 text-left font-medium">
                Month
              </th>
              <th scope="col" className="px-3 py-2.5 text-right font-medium">
                <MetricTerm metric="deflected" label="Deflected" />
              </th>
              <th scope="col" className="px-3 py-2.5 text-right font-medium">
                <MetricTerm metric="agentCalls" label="Agent calls" />
              </th>
              <th scope="col" className="px-3 py-2.5 text-right font-medium">
                <MetricTerm metric="deflectionRate" label="Rate" />
              </th>
              <th scope="col" className="px-3 py-2.5 text-right font-medium">
                <MetricTerm metric="roiSavings" label="Savings" />
              </th>
              <th scope="col" className="px-5 py-2.5 text-right font-medium">
                <MetricTerm metric="cumulativeSavings" label="Cumulative" />
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.month} className="border-b border-line/70 hover:bg-subtle/50" data-month={row.month}>
                <th scope="row" className="px-5 py-2 text-left font-medium text-ink">
                  {formatMonth(row.month)}
                  {row.month >= currentMonth ? <span className="ml-1.5 text-xs font-normal text-muted">so far</span> : null}
                </th>
                <td className="px-3 py-2 text-right">
                  <CountLink count={row.deflected} href={monthLink(row.month)} what={`confirmed deflections in ${formatMonth(row.month)}`} />
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{formatCount(row.agentCalls)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{formatRate(row.deflectionRate)}</td>
                <td className="px-3 py-2 text-right font-medium tabular-nums">{formatMoney(row.savings, currency)}</td>
                <td className="px-5 py-2 text-right tabular-nums text-muted">{formatMoney(row.cumulative, currency)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="bg-subtle/60 font-semibold">
              <th scope="row" className="px-5 py-2.5 text-left">
                Total
              </th>
              <td className="px-3 py-2.5 text-right tabular-nums">{formatCount(total.deflected)}</td>
              <td className="px-3 py-2.5 text-right tabular-nums">{formatCount(rows.reduce((sum, row) => sum + row.agentCalls, 0))}</td>
              <td className="px-3 py-2.5" />
              <td className="px-3 py-2.5 text-right tabular-nums">{formatMoney(total.savings, currency)}</td>
              <td className="px-5 py-2.5" />
            </tr>
          </tfoot>
        </table>
      </div>
    </Card>
  );
}

/** The assumptions behind every amount on the page; administrators can follow a link to change them. */
function CostAssumptions({ canEdit }: { canEdit: boolean }) {
  const settings = useSettings();
  const names = useCallTypeNames();
  if (!settings) return <Skeleton className="h-72 rounded-lg" />;
  const money = (value: number) => formatMoney(value, settings.currency);
  // Unit costs with up to four decimals (an SMS segment costs fractions of a cent).
  const unit = (value: number) => new Intl.NumberFormat("en-US", { style: "currency", currency: settings.currency, minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(value);
  const costs = settings as typeof settings & Partial<NetSavingsCosts>;
  const overrides = Object.entries(settings.phoneCostByCallType).sort(([, a], [, b]) => b - a);
  return (
    <Card className="min-w-0">
      <CardHeader
        title="Cost assumptions"
        description="What these amounts are computed from."
        actions={
          canEdit ? (
            <Link href="/settings" className="inline-flex items-center gap-1.5 rounded-md border border-line-strong px-3 py-1.5 text-sm font-medium text-ink hover:bg-subtle">
              <Settings2 className="size-4" aria-hidden />
              Change in settings
            </Link>
          ) : null
        }
      />
      <dl className="divide-y divide-line px-5 text-sm">
        {(
          [
            ["Phone call (default)", money(settings.phoneCost)],
            ["Digital conversation", money(settings.digitalCost)],
            ["Net saving per deflection (default)", money(netSavingCents(settings, null) / 100)],
            ["SMS segment (net savings)", costs.smsCostPerSegment === undefined ? "—" : unit(costs.smsCostPerSegment)],
            ["Bot conversation (net savings)", costs.botCostPerConversation === undefined ? "—" : unit(costs.botCostPerConversation)],
            ["Attribution window", `${settings.windowHours} hours`],
            ["Currency", settings.currency],
          ] as const
        ).map(([label, value]) => (
          <div key={label} className="flex items-center justify-between gap-4 py-2">
            <dt className="text-muted">{label}</dt>
            <dd className="font-medium tabular-nums text-ink">{value}</dd>
          </div>
        ))}
      </dl>
      {overrides.length > 0 ? (
        <div className="border-t border-line px-5 py-3">
          <p className="text-xs font-semibold uppercase tracking-wide text-muted">Phone cost by call type</p>
          <ul className="mt-2 space-y-1 text-sm">
            {overrides.map(([slug, cost]) => (
              <li key={slug} className="flex justify-between gap-4">
                <span className="truncate text-ink-2">{names.get(slug) ?? slug}</span>
                <span className="tabular-nums text-ink">{money(cost)}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {!canEdit ? <p className="border-t border-line px-5 py-2.5 text-xs text-muted">Only administrators can change these assumptions.</p> : null}
    </Card>
  );
}
