"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { FlaskConical, OctagonAlert } from "lucide-react";
import { useQueryStates } from "nuqs";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { DateRangePicker } from "@/components/ui/date-range-picker";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { csvName, downloadCsv } from "@/lib/dashboard/csv";
import { formatCount, formatDayRange, formatMoney, formatRate } from "@/lib/dashboard/format";
import { useSettings } from "@/lib/dashboard/hooks";
import { IMPACT_CSV_HEADER, type ImpactParams, armJourneysHref, impactCsvRows, impactOptions, impactParams, impactParsers, impactSentence, per100, verdictOf } from "@/lib/dashboard/impact";
import { MAX_PERIOD_DAYS, periodPresets, resolvePeriod } from "@/lib/dashboard/period";
import { INTERVENTION_POINT_NAMES, type InterventionPoint } from "@/lib/domain";
import type { Estimate, OfferIncrementality } from "@/lib/metrics/incrementality";
import { wilson } from "@/lib/metrics/wilson";
import { cn } from "@/lib/ui/cn";
import { AsOfLine } from "./as-of";
import { CountLink } from "./count-link";
import { useDashboard } from "./dashboard-provider";
import { ExportButton } from "./export-button";
import { PointSelect } from "./filter-bar";
import { MetricTerm } from "./metric-term";

/** Did it work? Per offer: holdout vs offered call rates, the lift against zero, in one sentence. */
export function ImpactView() {
  const { today, asOf } = useDashboard();
  const settings = useSettings();
  const [url, setUrl] = useQueryStates(impactParsers, { history: "push", scroll: false });
  const params = impactParams(url, today, asOf);
  const period = resolvePeriod(url.from, url.to, today);
  const report = useQuery({ ...impactOptions(params), placeholderData: keepPreviousData });
  const currency = report.data?.currency ?? settings?.currency ?? "USD";
  const offers = report.data?.offers;

  const exportCsv = async () => {
    if (!report.data) return;
    await downloadCsv(csvName("impact", [period.from, period.to, params.point]), IMPACT_CSV_HEADER, impactCsvRows(report.data));
  };

  return (
    <>
      <PageHeader
        title="Impact"
        description="Did the offers cause fewer calls? Callers held out at random are compared with the callers who were offered, offer by offer."
        actions={<ExportButton onExport={exportCsv} disabled={!offers || offers.length === 0} />}
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
      </div>
      <AsOfLine className="mt-3" updating={report.isPlaceholderData}>
        <span className="font-medium text-ink-2">Decisions of {formatDayRange(period.from, period.to)}</span>
        <span>each caller counted once, from their first decision, once {settings?.windowHours ?? 72} hours have passed</span>
      </AsOfLine>

      {report.isError ? (
        <Card className="mt-5">
          <ErrorState error={report.error} onRetry={() => void report.refetch()} />
        </Card>
      ) : !offers ? (
        <div className="mt-5 grid gap-4" aria-busy="true" aria-label="Loading the impact of each offer">
          {Array.from({ length: 2 }, (_, i) => (
            <Skeleton key={i} className="h-72 rounded-lg" />
          ))}
        </div>
      ) : offers.length === 0 ? (
        <Card className="mt-5">
          <EmptyState title="No runtime decisions in this period" icon={FlaskConical}>
            The impact of an offer is measured from the decisions the runtime makes (offer.shown and offer.held_out). Give an IVR offer a holdout percent and
            let the decision API answer your contact center&apos;s calls.
          </EmptyState>
        </Card>
      ) : (
        <div className="mt-5 grid gap-5">
          {offers.map((offer) => (
            <OfferImpact key={offer.offerId} offer={offer} params={params} currency={currency} />
          ))}
        </div>
      )}
    </>
  );
}

function OfferImpact({ offer, params, currency }: { offer: OfferIncrementality; params: ImpactParams; currency: string }) {
  const verdict = verdictOf(offer);
  const title = offer.name ?? offer.offerId;
  const pointName = INTERVENTION_POINT_NAMES[offer.point as InterventionPoint] ?? offer.point;
  return (
    <Card data-testid="offer-impact" data-offer-id={offer.offerId} aria-label={`Impact of ${title}`}>
      <CardHeader
        title={<span className="break-words">{title}</span>}
        description={
          <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <span>{pointName}</span>
            <span aria-hidden>·</span>
            <span>{offer.holdoutPercent === null ? "holdout percent unknown" : `${offer.holdoutPercent}% held out`}</span>
            {verdict === "avoided" ? <Badge tone="good">Fewer calls</Badge> : null}
            {verdict === "added" ? <Badge tone="bad">More calls</Badge> : null}
            {verdict === "not_enough" ? <Badge tone="warn">Not enough data yet</Badge> : null}
          </span>
        }
      />
      <div className="grid gap-5 px-4 pb-5 pt-4 sm:px-5 lg:grid-cols-2">
        <section aria-label="Call rates of both arms">
          <h3 className="text-[13px] font-medium text-muted">Called an agent within the window</h3>
          <dl className="mt-3 grid gap-4">
            <ArmRate
              label="Held out (not offered)"
              metric="holdoutCallRate"
              called={offer.calledHoldout}
              total={offer.nHoldout}
              href={armJourneysHref(params, offer.point, "holdout")}
              testId="p-holdout"
              color="var(--color-chart-6)"
            />
            <ArmRate
              label="Offered"
              metric="offeredCallRate"
              called={offer.calledTreatment}
              total={offer.nTreatment}
              href={armJourneysHref(params, offer.point, "treatment")}
              testId="p-treatment"
              color="var(--color-chart-1)"
            />
          </dl>
        </section>
        <section aria-label="Lift">
          {verdict === "srm" ? (
            <div role="alert" className="flex gap-3 rounded-md border border-bad/40 bg-bad-soft p-4 text-sm text-bad" data-testid="srm-banner">
              <OctagonAlert className="mt-0.5 size-5 shrink-0" aria-hidden />
              <div>
                <p className="font-semibold">Sample ratio mismatch: the lift is not shown</p>
                <p className="mt-1 text-ink-2">
                  Expected {offer.holdoutPercent}% of eligible callers held out; got {formatRate(offer.nHoldout / (offer.nHoldout + offer.nTreatment))} (χ² ={" "}
                  {offer.srm!.chiSquare.toFixed(1)}, p {offer.srm!.p < 0.0001 ? "< 0.0001" : `= ${offer.srm!.p.toFixed(4)}`}). Assignment or recording is broken;
                  check the runtime&apos;s events before reading any number here.
                </p>
                <MetricTerm metric="sampleRatio" label="About this check" className="mt-2 text-xs text-muted" />
              </div>
            </div>
          ) : (
            <>
              <MetricTerm metric="lift" label="Calls avoided per 100 eligible callers" as="h3" className="text-[13px] font-medium text-muted" />
              <p className="mt-1 text-[26px] font-semibold tracking-tight tabular-nums" data-testid="lift">
                {offer.lift ? per100(offer.lift.value) : "—"}
                {offer.lift ? (
                  <span className="ml-2 text-sm font-normal text-muted" data-testid="lift-interval">
                    95% CI {per100(offer.lift.low)} to {per100(offer.lift.high)}
                  </span>
                ) : null}
              </p>
              {offer.lift ? <LiftAgainstZero lift={offer.lift} /> : null}
            </>
          )}
          <p className="mt-3 text-sm text-ink-2" data-testid="impact-sentence">
            {impactSentence(offer)}
          </p>
        </section>
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-3 border-t border-line px-4 py-4 text-sm sm:px-5 md:grid-cols-4">
        <Fact metric="incrementalDeflections" label="Incremental deflections" testId="incremental">
          {offer.incrementalDeflections && verdict !== "srm" ? (
            <>
              {formatCount(Math.round(offer.incrementalDeflections.value))}
              <Range low={Math.round(offer.incrementalDeflections.low).toLocaleString("en-US")} high={Math.round(offer.incrementalDeflections.high).toLocaleString("en-US")} />
            </>
          ) : (
            "—"
          )}
        </Fact>
        <Fact metric="incrementalityRatio" label="Of attributed deflections" testId="ratio">
          {offer.incrementalityRatio !== null && verdict !== "srm" ? formatRate(offer.incrementalityRatio) : "—"}
          <span className="block text-xs text-muted">of {formatCount(offer.attributedDeflections)} the funnel counts</span>
        </Fact>
        <Fact metric="netSavings" label="Net savings" testId="net-savings">
          {offer.netSavings.value !== null && verdict !== "srm" ? (
            <>
              {formatMoney(offer.netSavings.value, currency)}
              <Range low={formatMoney(offer.netSavings.low!, currency)} high={formatMoney(offer.netSavings.high!, currency)} />
            </>
          ) : (
            "—"
          )}
          <span className="block text-xs text-muted">
            after SMS {formatMoney(offer.netSavings.smsCost, currency)} · bot {formatMoney(offer.netSavings.botCost, currency)}
          </span>
        </Fact>
        <Fact metric="enoughData" label="Callers needed per arm" testId="required">
          {offer.requiredPerArm === null ? "—" : formatCount(offer.requiredPerArm)}
          <span className="block text-xs text-muted">
            have {formatCount(offer.nHoldout)} held out, {formatCount(offer.nTreatment)} offered
          </span>
        </Fact>
      </dl>
    </Card>
  );
}

function Range({ low, high }: { low: string; high: string }) {
  return (
    <span className="block text-xs font-normal text-muted">
      95% CI {low} to {high}
    </span>
  );
}

function Fact({ metric, label, testId, children }: { metric: Parameters<typeof MetricTerm>[0]["metric"]; label: string; testId: string; children: React.ReactNode }) {
  return (
    <div>
      <dt>
        <MetricTerm metric={metric} label={label} className="text-xs text-muted" />
      </dt>
      <dd className="mt-0.5 font-semibold tabular-nums text-ink" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/** One arm's call rate as a bar, with its Wilson interval as a whisker, and its count linked to its journeys. */
function ArmRate({
  label,
  metric,
  called,
  total,
  href,
  testId,
  color,
}: {
  label: string;
  metric: "holdoutCallRate" | "offeredCallRate";
  called: number;
  total: number;
  href: string;
  testId: string;
  color: string;
}) {
  const rate = total > 0 ? called / total : null;
  const interval = wilson(called, total);
  // The scale reaches past the highest interval end a little, at least 10%.
  const scale = Math.max(0.1, Math.min(1, (interval?.high ?? 0) * 1.25));
  const at = (value: number) => `${Math.min(100, (value / scale) * 100)}%`;
  return (
    <div>
      <dt className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
        <MetricTerm metric={metric} label={label} className="font-medium text-ink-2" />
        <span className="text-xs text-muted">
          <CountLink count={called} what={`${label.toLowerCase()} callers who called`} className="text-xs" /> of{" "}
          <CountLink count={total} href={href} what={`${label.toLowerCase()} decisions`} className="text-xs" />
        </span>
      </dt>
      <dd className="mt-1">
        <span className="text-lg font-semibold tabular-nums" data-testid={testId}>
          {formatRate(rate)}
        </span>
        {interval ? (
          <span className="ml-2 text-xs text-muted">
            95% CI {formatRate(interval.low)} to {formatRate(interval.high)}
          </span>
        ) : null}
        <div className="relative mt-1.5 h-3 rounded bg-subtle" aria-hidden>
          {rate !== null ? <div className="absolute inset-y-0 left-0 rounded" style={{ width: at(rate), background: color, opacity: 0.8 }} /> : null}
          {interval ? (
            <div className="absolute top-1/2 h-0.5 -translate-y-1/2 bg-ink" style={{ left: at(interval.low), width: `calc(${at(interval.high)} - ${at(interval.low)})` }}>
              <span className="absolute -left-px -top-1 h-2.5 w-0.5 bg-ink" />
              <span className="absolute -right-px -top-1 h-2.5 w-0.5 bg-ink" />
            </div>
          ) : null}
        </div>
      </dd>
    </div>
  );
}

/** The lift and its interval on an axis through zero: right of zero, fewer calls. */
function LiftAgainstZero({ lift }: { lift: Estimate }) {
  const reach = Math.max(0.02, Math.abs(lift.low), Math.abs(lift.high)) * 1.15;
  const at = (value: number) => `${50 + (value / reach) * 50}%`;
  const good = lift.low > 0;
  const bad = lift.high < 0;
  return (
    <figure className="mt-3" aria-label={`Lift ${per100(lift.value)} calls per 100, 95% interval ${per100(lift.low)} to ${per100(lift.high)}, against zero`}>
      <div className="relative h-8">
        <div className="absolute inset-x-0 top-1/2 h-px bg-line-strong" />
        <div className="absolute inset-y-0 w-px bg-ink-2" style={{ left: "50%" }} />
        <div
          className={cn("absolute top-1/2 h-2 -translate-y-1/2 rounded-full", good ? "bg-good/40" : bad ? "bg-bad/40" : "bg-warn/40")}
          style={{ left: at(lift.low), width: `calc(${at(lift.high)} - ${at(lift.low)})` }}
        />
        <div
          className={cn("absolute top-1/2 size-3 -translate-x-1/2 -translate-y-1/2 rounded-full ring-2 ring-surface", good ? "bg-good" : bad ? "bg-bad" : "bg-warn")}
          style={{ left: at(lift.value) }}
        />
      </div>
      <figcaption className="flex justify-between text-[11px] text-muted">
        <span>more calls</span>
        <span>0</span>
        <span>fewer calls</span>
      </figcaption>
    </figure>
  );
}
