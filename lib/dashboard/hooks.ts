"use client";

/** Client hooks that read the dashboards' URL state (nuqs) and the page's environment. */
import { useQuery } from "@tanstack/react-query";
import { useQueryStates } from "nuqs";
import { useMemo } from "react";
import type { InterventionPoint } from "@/lib/domain";
import { useDashboard } from "@/components/dashboard/dashboard-provider";
import { journeyFilters, parityParams, roiMonths, roiParams, trendIntervalOf } from "./filters";
import type { JourneysParams } from "./query-keys";
import { filterParsers, journeysParsers, parityParsers, roiParsers } from "./url-state";
import { resolvePeriod } from "./period";
import { callTypesOptions, settingsOptions } from "./queries";

const urlOptions = { history: "push", scroll: false } as const;

/** Period, point, call type, channel and trend interval of the overview and funnel pages. */
export function useJourneyFilters(point?: InterventionPoint) {
  const { today, asOf } = useDashboard();
  const [url, setUrl] = useQueryStates(filterParsers, urlOptions);
  const filters = journeyFilters(url, today, asOf, point);
  return { url, setUrl, filters, interval: trendIntervalOf(url, filters) };
}

export function useParityFilters() {
  const { today, asOf } = useDashboard();
  const [url, setUrl] = useQueryStates(parityParsers, urlOptions);
  const period = resolvePeriod(url.from, url.to, today);
  return { url, setUrl, period, params: parityParams(url, today, asOf), status: url.status };
}

export function useRoiFilters() {
  const { today, asOf } = useDashboard();
  const [url, setUrl] = useQueryStates(roiParsers, urlOptions);
  const months = roiMonths(url, today);
  return { url, setUrl, months, params: roiParams(url, today, asOf) };
}

/** The workspace settings (prefetched with every dashboard). */
export function useSettings() {
  return useQuery(settingsOptions()).data;
}

/** Call type slug → readable name. */
export function useCallTypeNames(): Map<string, string> {
  const { data } = useQuery(callTypesOptions());
  return useMemo(() => new Map((data ?? []).map((callType) => [callType.slug, callType.name])), [data]);
}

/** The journeys behind a number: its filters, its stage and the `asOf` it was computed at (from the link). */
export function useJourneysFilters() {
  const { today, asOf } = useDashboard();
  const [url, setUrl] = useQueryStates(journeysParsers, urlOptions);
  const params: JourneysParams = {
    ...journeyFilters(url, today, url.asOf ?? asOf),
    ...(url.stage ? { stage: url.stage } : {}),
    ...(url.arm ? { arm: url.arm } : {}),
  };
  return { url, setUrl, params };
}
