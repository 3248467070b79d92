/**
 * TanStack Query options for every dashboard read, against the metrics API. The same keys are
 * filled on the server for the first paint (lib/dashboard/prefetch.ts).
 */
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { FunnelResult, ParityResult, RoiResult, StageCounts, StagedJourney, Timeseries } from "@/lib/metrics/types";
import { getJson } from "./api";
import type { WorkspaceSettings } from "@/lib/settings/schema";
import {
  type FunnelParams,
  type JourneysParams,
  type ParityParams,
  type RoiParams,
  type TimeseriesParams,
  dashboardKeys,
} from "./query-keys";

/** `GET /api/v1/metrics/funnel`: DESIGN.md's funnel plus all journeys' totals and an optional breakdown. */
export interface FunnelResponse extends FunnelResult {
  totals: StageCounts;
  breakdown?: ({ key: string | null } & StageCounts)[];
}

export interface JourneysResponse {
  items: StagedJourney[];
  nextCursor: string | null;
  total: number;
}

export type SettingsResponse = WorkspaceSettings;

export interface CallTypeOption {
  slug: string;
  name: string;
  phoneCost: number | null;
}

export const JOURNEYS_PAGE_SIZE = 100;

/*
 * Answers for a pinned `asOf` do not change, so they never go stale on their own; "Refresh" on a
 * page picks a new `asOf`, which is a new key.
 */
const pinned = { staleTime: Number.POSITIVE_INFINITY } as const;

export const funnelOptions = (params: FunnelParams) =>
  queryOptions({
    queryKey: dashboardKeys.funnel(params),
    queryFn: ({ signal }) => getJson<FunnelResponse>("/api/v1/metrics/funnel", params, signal),
    ...pinned,
  });

export const timeseriesOptions = (params: TimeseriesParams) =>
  queryOptions({
    queryKey: dashboardKeys.timeseries(params),
    queryFn: ({ signal }) => getJson<Timeseries>("/api/v1/metrics/timeseries", params, signal),
    ...pinned,
  });

export const parityOptions = (params: ParityParams) =>
  queryOptions({
    queryKey: dashboardKeys.parity(params),
    queryFn: ({ signal }) => getJson<ParityResult>("/api/v1/metrics/parity", params, signal),
    ...pinned,
  });

export const roiOptions = (params: RoiParams) =>
  queryOptions({
    queryKey: dashboardKeys.roi(params),
    queryFn: ({ signal }) => getJson<RoiResult>("/api/v1/metrics/roi", params, signal),
    ...pinned,
  });

export const settingsOptions = () =>
  queryOptions({
    queryKey: dashboardKeys.settings(),
    queryFn: ({ signal }) => getJson<SettingsResponse>("/api/v1/settings", {}, signal),
    staleTime: 5 * 60_000,
  });

export const callTypesOptions = () =>
  queryOptions({
    queryKey: dashboardKeys.callTypes(),
    queryFn: async ({ signal }) => (await getJson<{ items: CallTypeOption[] }>("/api/v1/call-types", {}, signal)).items,
    staleTime: 5 * 60_000,
  });

export const journeysOptions = (params: JourneysParams) =>
  infiniteQueryOptions({
    queryKey: dashboardKeys.journeys(params),
    queryFn: ({ signal, pageParam }) =>
      getJson<JourneysResponse>("/api/v1/journeys", { ...params, limit: JOURNEYS_PAGE_SIZE, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    ...pinned,
  });
