"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ArrowRight } from "lucide-react";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { INTERVENTION_POINT_NAMES, type InterventionPoint } from "@/lib/domain";
import { csvName, csvRate, downloadCsv } from "@/lib/dashboard/csv";
import { filtersQuery, journeysHref } from "@/lib/dashboard/filters";
import { formatDayRange, formatInterval, formatRate } from "@/lib/dashboard/format";
import { useJourneyFilters } from "@/lib/dashboard/hooks";
import { FUNNEL_STEPS, funnelSteps, rateOf } from "@/lib/dashboard/metrics";
import { POINT_OFFERS } from "@/lib/dashboard/points";
import type { JourneyFilterParams } from "@/lib/dashboard/query-keys";
import { funnelOptions } from "@/lib/dashboard/queries";
import type { FunnelPoint } from "@/lib/metrics/types";
import { AsOfLine } from "./as-of";
import { CountLink } from "./count-link";
import { ExportButton } from "./export-button";
import { FilterBar } from "./filter-bar";
import { MetricInfo } from "./metric-term";
import { STAGE_LABELS, STAGE_NOUNS } from "@/lib/dashboard/stages";

/** The five intervention points side by side, each from offer to confirmed deflection, failures beside it. */
export function FunnelsOverview() {
  const { filters } = useJourneyFilters();
  const { point: _ignored, ...allPoints } = filters;
  const funnel = useQuery({ ...funnelOptions(allPoints), placeholderData: keepPreviousData });
  const query = filtersQuery(allPoints);

  const exportCsv = async () => {
    if (!funnel.data) return;
    await downloadCsv(
      csvName("funnels", [allPoints.from, allPoints.to, allPoints.callType, allPoints.channel]),
      ["point", ...FUNNEL_STEPS, "escalated", "bounced", "pending", "deflected_of_offered", "containment_rate", "bounce_back_rate"],
      funnel.data.points.map((p) => [
        p.point,
        ...FUNNEL_STEPS.map((stage) => p[stage]),
        p.escalated,
        p.bounced,
        p.pending,
        csvRate(rateOf(p.deflected, p.offered).value),
        csvRate(rateOf(p.resolved, p.engaged).value),
        csvRate(rateOf(p.bounced, p.engaged).value),
      ]),
    );
  };

  return (
    <>
      <PageHeader
        title="Funnels"
        description="Each intervention point from offer to confirmed deflection. Escalations, bounce-backs and journeys still pending sit beside the path, as visible as the successes."
        actions={<ExportButton onExport={exportCsv} disabled={!funnel.data} />}
      />
      <FilterBar pointMode="navigate" />
      <AsOfLine className="mt-3" updating={funnel.isPlaceholderData}>
        <span className="font-medium text-ink-2">{formatDayRange(allPoints.from, allPoints.to)}</span>
      </AsOfLine>
      {funnel.isError ? (
        <Card className="mt-5">
          <ErrorState error={funnel.error} onRetry={() => void funnel.refetch()} />
        </Card>
      ) : funnel.data && funnel.data.points.every((p) => p.offered === 0 && p.engaged === 0) ? (
        <Card className="mt-5">
          <EmptyState title="No offer in this period">No intervention point offered anything with these filters. Try a longer period or fewer filters.</EmptyState>
        </Card>
      ) : (
        <ul aria-label="Intervention points" className="mt-5 grid gap-3 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-5">
          {funnel.data
            ? funnel.data.points.map((p) => (
                <li key={p.point} className="min-w-0">
                  <PointCard counts={p} filters={allPoints} query={query} />
                </li>
              ))
            : Array.from({ length: 5 }, (_, i) => (
                <li key={i}>
                  <Skeleton className="h-[26rem] rounded-lg" />
                </li>
              ))}
        </ul>
      )}
    </>
  );
}

function PointCard({ counts, filters, query }: { counts: FunnelPoint; filters: JourneyFilterParams; query: string }) {
  const point = counts.point as InterventionPoint;
  const name = INTERVENTION_POINT_NAMES[point];
  const steps = funnelSteps(counts);
  const link = (stage: Parameters<typeof journeysHref>[0]["stage"]) => journeysHref({ ...filters, point, stage });
  const bounce = rateOf(counts.bounced, counts.engaged);
  const containment = rateOf(counts.resolved, counts.engaged);
  const headingId = `point-${point}`;
  return (
    <Card className="flex h-full flex-col" aria-labelledby={headingId} role="region">
      <div className="border-b border-line px-4 py-3 xl:min-h-[4.75rem]" title={POINT_OFFERS[point].offer}>
        <h2 id={headingId} className="text-[15px] font-semibold text-ink">
          {name}
        </h2>
        <p className="mt-0.5 text-xs text-muted">{POINT_OFFERS[point].path}</p>
      </div>
      <ol className="space-y-2.5 px-4 py-3" aria-label={`${name}: funnel`}>
        {steps.map((step) => (
          <li key={step.stage}>
            <div className="flex items-baseline justify-between gap-2 text-xs">
              <span className="inline-flex items-center gap-0.5 text-muted">
                {STAGE_LABELS[step.stage]}
                <MetricInfo metric={step.stage} label={STAGE_LABELS[step.stage]} />
              </span>
              <span className="text-sm">
                <CountLink count={step.count} href={link(step.stage)} what={`${STAGE_LABELS[step.stage].toLowerCase()}, ${name}`} />
              </span>
            </div>
            <div className="mt-1 h-2 overflow-hidden rounded-full bg-subtle" aria-hidden>
              <div
                className={step.stage === "deflected" ? "h-full rounded-full bg-good" : "h-full rounded-full bg-brand/80"}
                style={{ width: `${Math.max(step.count > 0 ? 1.5 : 0, (step.ofOffered.value ?? 0) * 100)}%` }}
              />
            </div>
            {step.conversion ? (
              <p className="mt-0.5 text-[11px] text-muted">
                {formatRate(step.conversion.value)} of {STAGE_LABELS[FUNNEL_STEPS[FUNNEL_STEPS.indexOf(step.stage) - 1]].toLowerCase()}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      <dl className="mx-4 space-y-1 border-t border-line py-3 text-xs" aria-label={`${name}: beside the path`}>
        {(
          [
            { stage: "bounced", label: "Bounced", tone: "text-bad decoration-bad/30", soft: "bg-bad-soft", dot: "bg-bad" },
            { stage: "escalated", label: "Escalated", tone: "text-warn decoration-warn/30", soft: "bg-warn-soft", dot: "bg-warn" },
            { stage: "pending", label: "Pending", tone: "text-info decoration-info/30", soft: "bg-info-soft", dot: "bg-info" },
          ] as const
        ).map((item) => (
          <div key={item.stage} className={`flex items-center justify-between gap-2 rounded px-2 py-1 ${item.soft}`}>
            <dt className="inline-flex items-center gap-1.5 text-ink-2">
              <span className={`size-2 rounded-full ${item.dot}`} aria-hidden />
              {item.label}
            </dt>
            <dd className="text-sm font-semibold">
              <CountLink count={counts[item.stage]} href={link(item.stage)} what={`${STAGE_NOUNS[item.stage]}, ${name}`} className={item.tone} />
            </dd>
          </div>
        ))}
      </dl>
      <dl className="mx-4 space-y-1 border-t border-line py-3 text-xs">
        <div className="flex justify-between gap-2">
          <dt className="text-muted">Containment</dt>
          <dd className="text-right">
            <span className="font-semibold text-ink">{formatRate(containment.value)}</span>
            <span className="block text-[11px] text-muted">95% CI {formatInterval(containment.interval)}</span>
          </dd>
        </div>
        <div className="flex justify-between gap-2">
          <dt className="text-muted">Bounce-back rate</dt>
          <dd className="text-right">
            <span className="font-semibold text-bad">{formatRate(bounce.value)}</span>
            <span className="block text-[11px] text-muted">95% CI {formatInterval(bounce.interval)}</span>
          </dd>
        </div>
      </dl>
      <div className="mt-auto border-t border-line px-4 py-2.5">
        <Link href={`/funnels/${point}${query}`} className="inline-flex items-center gap-1 text-sm font-medium text-brand hover:underline">
          Open funnel<span className="sr-only">: {name}</span>
          <ArrowRight className="size-3.5" aria-hidden />
        </Link>
      </div>
    </Card>
  );
}
