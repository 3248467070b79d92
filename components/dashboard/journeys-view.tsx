"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { ChevronLeft, LoaderCircle } from "lucide-react";
import { useRouter } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DateRangePicker } from "@/components/ui/date-range-picker";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { CHANNELS, type Channel, INTERVENTION_POINTS, INTERVENTION_POINT_NAMES, type InterventionPoint, STAGES, type Stage } from "@/lib/domain";
import { MetricsRequestError, searchOf } from "@/lib/dashboard/api";
import { saveFile } from "@/lib/dashboard/csv";
import { formatCount, formatDayRange, formatInstant, formatTimestamp } from "@/lib/dashboard/format";
import { useCallTypeNames, useJourneysFilters } from "@/lib/dashboard/hooks";
import { MAX_PERIOD_DAYS, periodPresets } from "@/lib/dashboard/period";
import { callTypesOptions, journeysOptions } from "@/lib/dashboard/queries";
import { STAGE_LABELS, STAGE_NOUNS } from "@/lib/dashboard/stages";
import { JOURNEY_ARMS, type JourneyArm, type StagedJourney } from "@/lib/metrics/types";
import { useDashboard } from "./dashboard-provider";
import { ExportButton } from "./export-button";
import { CHANNEL_NAMES } from "./filter-bar";
import { MetricInfo } from "./metric-term";

/** A runtime decision's arm, as the filter and the scope line name it. */
const ARM_NAMES: Record<JourneyArm, string> = { treatment: "Offered by a decision", holdout: "Held out by a decision" };

/** The journeys behind a number: as many rows as the number said, each with its outcome, and all of them as CSV. */
export function JourneysView() {
  const router = useRouter();
  const { today, timeZone } = useDashboard();
  const { url, setUrl, params } = useJourneysFilters();
  const journeys = useInfiniteQuery(journeysOptions(params));
  const callTypes = useQuery(callTypesOptions()).data ?? [];
  const names = useCallTypeNames();
  const total = journeys.data?.pages[0]?.total;
  const items = journeys.data?.pages.flatMap((page) => page.items) ?? [];
  const noun = params.stage ? STAGE_NOUNS[params.stage] : "journeys";
  const scope = [
    params.point ? INTERVENTION_POINT_NAMES[params.point] : "All points",
    params.callType ? (names.get(params.callType) ?? params.callType) : null,
    params.channel ? CHANNEL_NAMES[params.channel] : null,
    params.arm ? ARM_NAMES[params.arm] : null,
    formatDayRange(params.from, params.to),
  ].filter(Boolean);

  const exportCsv = async () => {
    const response = await fetch(`/api/v1/journeys?${searchOf(params)}`, { headers: { accept: "text/csv" }, credentials: "same-origin" });
    if (!response.ok) {
      // The server's own words: "This export would hold 96,504 journeys; one CSV holds at most 50,000. …"
      const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
      throw new MetricsRequestError(body?.error?.message ?? `The server answered ${response.status}.`, response.status, body?.error?.code ?? "http_error");
    }
    const disposition = response.headers.get("content-disposition") ?? "";
    const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? "journeys.csv";
    saveFile(filename, await response.blob());
  };

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <button type="button" onClick={() => router.back()} className="inline-flex items-center gap-1 text-muted hover:text-ink">
          <ChevronLeft className="size-4" aria-hidden />
          Back
        </button>
      </nav>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="flex flex-wrap items-center gap-x-2 text-2xl font-semibold tracking-tight text-ink">
            {total === undefined ? <Skeleton className="h-8 w-64" /> : <span data-testid="journeys-total">{formatCount(total)}</span>}
            <span>{noun}</span>
            {params.stage ? <MetricInfo metric={params.stage} label={STAGE_LABELS[params.stage]} /> : <MetricInfo metric="journey" label="Journey" />}
          </h1>
          <p className="mt-1 text-sm text-muted">
            {scope.join(" · ")} · as of{" "}
            <time dateTime={params.asOf} data-as-of={params.asOf}>
              {formatInstant(params.asOf, timeZone)}
            </time>
          </p>
        </div>
        <ExportButton onExport={exportCsv} disabled={!total} label={total ? `Export ${formatCount(total)} as CSV` : "Export CSV"} />
      </div>

      <div role="search" aria-label="Filters" className="grid grid-cols-2 items-end gap-3 rounded-lg border border-line bg-surface p-3 shadow-[0_1px_2px_rgba(16,24,40,0.04)] md:flex md:flex-wrap">
        <div className="col-span-2 md:w-72">
          <DateRangePicker
            value={{ from: params.from, to: params.to }}
            presets={periodPresets(today)}
            onChange={(range) => void setUrl({ from: range.from, to: range.to })}
            maxDays={MAX_PERIOD_DAYS}
            describe={(range) => formatDayRange(range.from, range.to)}
          />
        </div>
        <Select
          label="Stage"
          className="md:w-48"
          value={url.stage ?? ""}
          onChange={(event) => void setUrl({ stage: (event.target.value || null) as Stage | null })}
          options={[{ value: "", label: "Any stage" }, ...STAGES.map((stage) => ({ value: stage, label: STAGE_LABELS[stage] }))]}
        />
        <Select
          label="Intervention point"
          className="md:w-56"
          value={url.point ?? ""}
          onChange={(event) => void setUrl({ point: (event.target.value || null) as InterventionPoint | null })}
          options={[{ value: "", label: "All points" }, ...INTERVENTION_POINTS.map((value) => ({ value, label: INTERVENTION_POINT_NAMES[value] }))]}
        />
        <Select
          label="Call type"
          className="md:w-56"
          value={url.callType ?? ""}
          onChange={(event) => void setUrl({ callType: event.target.value || null })}
          options={[
            { value: "", label: "All call types" },
            ...(url.callType && !callTypes.some((c) => c.slug === url.callType) ? [{ value: url.callType, label: url.callType }] : []),
            ...callTypes.map((callType) => ({ value: callType.slug, label: callType.name })),
          ]}
        />
        <Select
          label="Channel"
          className="md:w-36"
          value={url.channel ?? ""}
          onChange={(event) => void setUrl({ channel: (event.target.value || null) as Channel | null })}
          options={[{ value: "", label: "All channels" }, ...CHANNELS.map((value) => ({ value, label: CHANNEL_NAMES[value] }))]}
        />
        <Select
          label="Holdout arm"
          className="md:w-56"
          value={url.arm ?? ""}
          onChange={(event) => void setUrl({ arm: (event.target.value || null) as JourneyArm | null })}
          options={[{ value: "", label: "All journeys" }, ...JOURNEY_ARMS.map((value) => ({ value, label: ARM_NAMES[value] }))]}
        />
      </div>

      <Card className="mt-5">
        {journeys.isError ? (
          <ErrorState error={journeys.error} onRetry={() => void journeys.refetch()} />
        ) : total === 0 ? (
          <EmptyState title={`No ${noun} here`}>No journey matches these filters in this period.</EmptyState>
        ) : (
          <>
            {/* Focusable, so that a keyboard can scroll the wide table on a phone. */}
            <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Journeys table">
              <table className="w-full min-w-[56rem] whitespace-nowrap text-sm">
                <caption className="sr-only">
                  {total === undefined ? "Journeys" : `${formatCount(total)} ${noun}, oldest offer first`}
                </caption>
                <thead>
                  <tr className="border-b border-line bg-subtle/60 text-left text-xs text-muted">
                    <th scope="col" className="px-5 py-2.5 font-medium">
                      Journey
                    </th>
                    <th scope="col" className="px-3 py-2.5 font-medium">
                      First offer
                    </th>
                    <th scope="col" className="px-3 py-2.5 font-medium">
                      Point
                    </th>
                    <th scope="col" className="px-3 py-2.5 font-medium">
                      Call type
                    </th>
                    <th scope="col" className="px-3 py-2.5 font-medium">
                      Channel
                    </th>
                    <th scope="col" className="px-3 py-2.5 font-medium">
                      Outcome
                    </th>
                    <th scope="col" className="px-5 py-2.5 font-medium">
                      Customer
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {journeys.data
                    ? items.map((journey) => (
                        <tr key={journey.journey} className="border-b border-line/70 last:border-0 hover:bg-subtle/50" data-testid="journey-row">
                          <th scope="row" className="px-5 py-2 text-left font-mono text-xs font-normal text-ink-2">
                            {journey.journey}
                          </th>
                          <td className="whitespace-nowrap px-3 py-2 tabular-nums text-ink-2">{formatTimestamp(journey.offeredAt, timeZone)}</td>
                          <td className="px-3 py-2 text-ink-2">{journey.point ? (INTERVENTION_POINT_NAMES[journey.point as InterventionPoint] ?? journey.point) : "—"}</td>
                          <td className="max-w-56 truncate px-3 py-2 text-ink-2" title={journey.callType ?? undefined}>
                            {journey.callType ? (names.get(journey.callType) ?? journey.callType) : "—"}
                          </td>
                          <td className="px-3 py-2 text-ink-2">{journey.channel ? (CHANNEL_NAMES[journey.channel as Channel] ?? journey.channel) : "—"}</td>
                          <td className="px-3 py-2">
                            <Outcome journey={journey} />
                          </td>
                          <td className="px-5 py-2 font-mono text-xs text-muted">{journey.customer}</td>
                        </tr>
                      ))
                    : Array.from({ length: 10 }, (_, i) => (
                        <tr key={i} className="border-b border-line/70">
                          <td colSpan={7} className="px-5 py-2.5">
                            <Skeleton className="h-4 w-full" />
                          </td>
                        </tr>
                      ))}
                </tbody>
              </table>
            </div>
            {total !== undefined ? (
              <div className="flex flex-wrap items-center justify-between gap-3 border-t border-line px-5 py-3 text-sm text-muted">
                <p role="status">
                  Showing {formatCount(items.length)} of {formatCount(total)}
                </p>
                {journeys.hasNextPage ? (
                  <Button variant="secondary" size="sm" onClick={() => void journeys.fetchNextPage()} disabled={journeys.isFetchingNextPage}>
                    {journeys.isFetchingNextPage ? <LoaderCircle className="size-4 animate-spin" aria-hidden /> : null}
                    Show {formatCount(Math.min(100, total - items.length))} more
                  </Button>
                ) : null}
              </div>
            ) : null}
          </>
        )}
      </Card>
    </>
  );
}

/** What became of a journey, failures as visible as successes. A held-out journey counts in no stage: it says so. */
function Outcome({ journey }: { journey: StagedJourney }) {
  if (journey.arm === "holdout") return <Badge>Held out: not offered</Badge>;
  const badges: React.ReactNode[] = [];
  if (journey.deflected) badges.push(<Badge key="d" tone="good">Deflected</Badge>);
  if (journey.pending) badges.push(<Badge key="p" tone="info">Pending</Badge>);
  if (journey.bounced) badges.push(<Badge key="b" tone="bad">Bounced</Badge>);
  if (journey.escalated) badges.push(<Badge key="e" tone="warn">Escalated</Badge>);
  if (journey.engaged && !journey.resolved && !journey.escalated && !journey.bounced) badges.push(<Badge key="u" tone="warn">Unresolved</Badge>);
  if (!journey.engaged) badges.push(<Badge key="n">{journey.accepted ? "Accepted, no chat" : "Offer not taken"}</Badge>);
  return <span className="flex gap-1">{badges}</span>;
}
