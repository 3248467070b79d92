/**
 * The dashboards' TanStack Query keys, one function per area. The server prefetch
 * (lib/dashboard/prefetch.ts) and the client hooks (lib/dashboard/queries.ts) build keys only here,
 * so a prefetched answer is always found by the component that reads it.
 */
import type { Channel, InterventionPoint, Stage } from "@/lib/domain";
import type { JourneyArm, TimeseriesInterval } from "@/lib/metrics/types";

/** Filters shared by the funnel, time series and journeys APIs. */
export interface JourneyFilterParams {
  from: string;
  to: string;
  point?: InterventionPoint;
  callType?: string;
  channel?: Channel;
  /** Pins "now" for deflected / pending, so that every number on a page agrees. */
  asOf: string;
}

export interface FunnelParams extends JourneyFilterParams {
  breakdown?: "callType" | "channel";
}

export interface TimeseriesParams extends JourneyFilterParams {
  interval: TimeseriesInterval;
}

/** Point and channel narrow the journeys of parity, not its phone calls (docs/adr/016). */
export interface ParityParams {
  from: string;
  to: string;
  point?: InterventionPoint;
  channel?: Channel;
  asOf: string;
}

/** Point, call type and channel narrow ROI's journeys; agent calls only by call type. */
export interface RoiParams {
  from: string;
  to: string;
  point?: InterventionPoint;
  callType?: string;
  channel?: Channel;
  asOf: string;
}

export interface JourneysParams extends JourneyFilterParams {
  stage?: Stage;
  /** Journeys of runtime decisions of one arm. */
  arm?: JourneyArm;
}

/** Drops undefined fields so that `{ point: undefined }` and `{}` are one key. */
export function compact<T extends object>(params: T): T {
  return Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined && value !== null && value !== "")) as T;
}

export const dashboardKeys = {
  funnel: (params: FunnelParams) => ["dashboard", "funnel", compact(params)] as const,
  timeseries: (params: TimeseriesParams) => ["dashboard", "timeseries", compact(params)] as const,
  parity: (params: ParityParams) => ["dashboard", "parity", compact(params)] as const,
  roi: (params: RoiParams) => ["dashboard", "roi", compact(params)] as const,
  journeys: (params: JourneysParams) => ["dashboard", "journeys", compact(params)] as const,
  settings: () => ["dashboard", "settings"] as const,
  callTypes: () => ["dashboard", "call-types"] as const,
};
