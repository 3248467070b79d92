/**
 * The answers of the metrics API (DESIGN.md, "HTTP API") and the journey record behind them.
 * Instants are ISO 8601 UTC strings with milliseconds, as events are stored; days are
 * "YYYY-MM-DD" and months "YYYY-MM" in the workspace time zone.
 */
import type { InterventionPoint, Stage } from "@/lib/domain";

/** Workspace settings the metrics read (DESIGN.md, "GET /api/v1/settings"). */
export interface MetricSettings {
  /** IANA time zone that decides which day and month an instant belongs to. */
  timeZone: string;
  /** W, the attribution window in hours. */
  windowHours: number;
  currency: string;
  /** Default cost of one phone call. */
  phoneCost: number;
  /** Per call type overrides of `phoneCost`, by slug. */
  phoneCostByCallType: Record<string, number>;
  /** Cost of one digital (bot) conversation. */
  digitalCost: number;
  /** Resolution rate a call type must reach to be `at_parity` (0–1). */
  resolutionTarget: number;
}

/**
 * The arm of a runtime decision's journey: `holdout` when it has an offer.held_out (it then counts
 * in no stage), `treatment` when it has an offer.shown whose attributes say `arm: "treatment"`.
 */
export const JOURNEY_ARMS = ["treatment", "holdout"] as const;
export type JourneyArm = (typeof JOURNEY_ARMS)[number];

/** One journey, derived from its events only (DESIGN.md, "Metric definitions"). */
export interface Journey {
  journey: string;
  point: string | null;
  customer: string;
  offeredAt: string;
  callType: string | null;
  channel: string | null;
  endAt: string;
  engagedAt: string | null;
  resolvedAt: string | null;
  /** null for a journey no runtime decision made. */
  arm: JourneyArm | null;
  offered: boolean;
  accepted: boolean;
  engaged: boolean;
  resolved: boolean;
  escalated: boolean;
}

/** Whether a journey counts in each stage. `bounced`, `deflected`, `pending` also need calls and asOf. */
export type JourneyStages = Record<Stage, boolean>;

/** A journey with every stage flag: one row of `GET /api/v1/journeys`. */
export interface StagedJourney extends Journey {
  bounced: boolean;
  deflected: boolean;
  pending: boolean;
}

export type StageCounts = Record<Stage, number>;

export interface FunnelPoint extends StageCounts {
  point: InterventionPoint;
}

export interface FunnelResult {
  from: string;
  to: string;
  asOf: string;
  windowHours: number;
  agentCalls: number;
  deflectionRate: number | null;
  /** All five intervention points, in DESIGN.md order. */
  points: FunnelPoint[];
}

export const TIMESERIES_INTERVALS = ["day", "week", "month"] as const;
export type TimeseriesInterval = (typeof TIMESERIES_INTERVALS)[number];

export interface TimeseriesBucket extends StageCounts {
  /** First day of the bucket, "YYYY-MM-DD"; weeks start on Monday. */
  bucket: string;
  agentCalls: number;
}

export interface Timeseries {
  from: string;
  to: string;
  interval: TimeseriesInterval;
  asOf: string;
  windowHours: number;
  /** Every bucket that overlaps [from, to], oldest first, empty ones included. */
  buckets: TimeseriesBucket[];
}

export const PARITY_STATUSES = ["uncovered", "below_target", "at_parity"] as const;
export type ParityStatus = (typeof PARITY_STATUSES)[number];

export interface UnresolvedUtterance {
  text: string;
  count: number;
}

export interface ParityRow {
  callType: string;
  name: string;
  phoneCalls: number;
  engaged: number;
  resolved: number;
  escalated: number;
  bounced: number;
  resolutionRate: number | null;
  status: ParityStatus;
  opportunity: number;
  topUnresolved: UnresolvedUtterance[];
}

export interface ParityResult {
  callTypes: ParityRow[];
}

export interface RoiMonth {
  /** "YYYY-MM" */
  month: string;
  deflected: number;
  agentCalls: number;
  deflectionRate: number | null;
  savings: number;
}

export interface RoiResult {
  currency: string;
  months: RoiMonth[];
  total: { deflected: number; savings: number };
}
