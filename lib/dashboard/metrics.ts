/**
 * The figures the dashboards derive from the metrics API's counts, by DESIGN.md's definitions:
 * rates with their 95% Wilson interval and counts, savings over any period, funnel steps.
 * Pure functions: no I/O, unit-tested beside this file.
 */
import type { Stage } from "@/lib/domain";
import type { StageCounts } from "@/lib/metrics/types";
import { type Interval, wilson } from "@/lib/metrics/wilson";

export interface Rate {
  numerator: number;
  denominator: number;
  /** numerator / denominator; null when the denominator is 0. */
  value: number | null;
  /** 95% Wilson interval; null with no denominator or when the numerator is not a subset. */
  interval: Interval | null;
}

export function rateOf(numerator: number, denominator: number): Rate {
  if (denominator === 0) return { numerator, denominator, value: null, interval: null };
  return {
    numerator,
    denominator,
    value: numerator / denominator,
    interval: numerator <= denominator ? wilson(numerator, denominator) : null,
  };
}

export interface CostSettings {
  phoneCost: number;
  phoneCostByCallType: Record<string, number>;
  digitalCost: number;
}

const cents = (amount: number) => Math.round(amount * 100);

/** phoneCost(callType) − digitalCost, in cents: the call type's own phone cost when set, else the default. */
export function netSavingCents(settings: CostSettings, callType: string | null): number {
  const phoneCost =
    callType !== null && Object.hasOwn(settings.phoneCostByCallType, callType) ? settings.phoneCostByCallType[callType] : settings.phoneCost;
  return cents(phoneCost) - cents(settings.digitalCost);
}

/**
 * Savings = Σ over deflected journeys of (phoneCost(callType) − digitalCost), from a funnel
 * breakdown by call type. Exact: costs have at most two decimals, so the sum is kept in cents.
 */
export function savingsOf(byCallType: { key: string | null; deflected: number }[], settings: CostSettings): number {
  const total = byCallType.reduce((sum, row) => sum + row.deflected * netSavingCents(settings, row.key), 0);
  return total / 100;
}

export interface OverviewFigures {
  deflected: number;
  pending: number;
  agentCalls: number;
  deflectionRate: Rate;
  savings: number | null;
  containment: Rate;
  bounceBack: Rate;
  engaged: number;
  resolved: number;
  bounced: number;
}

/** The six headline numbers of the overview, from one funnel answer (with `breakdown=callType` for savings). */
export function overviewFigures(
  funnel: { totals: StageCounts; agentCalls: number; breakdown?: { key: string | null; deflected: number }[] },
  settings: CostSettings | undefined,
): OverviewFigures {
  const { totals, agentCalls } = funnel;
  return {
    deflected: totals.deflected,
    pending: totals.pending,
    agentCalls,
    deflectionRate: rateOf(totals.deflected, totals.deflected + agentCalls),
    savings: settings && funnel.breakdown ? savingsOf(funnel.breakdown, settings) : null,
    containment: rateOf(totals.resolved, totals.engaged),
    bounceBack: rateOf(totals.bounced, totals.engaged),
    engaged: totals.engaged,
    resolved: totals.resolved,
    bounced: totals.bounced,
  };
}

/** The main path of every funnel, offer to confirmed deflection. */
export const FUNNEL_STEPS = ["offered", "accepted", "engaged", "resolved", "deflected"] as const satisfies readonly Stage[];
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

export interface FunnelStepFigures {
  stage: FunnelStep;
  count: number;
  /** Share of the previous step that reached this one (null for the first step). */
  conversion: Rate | null;
  /** Share of offered journeys that reached this step. */
  ofOffered: Rate;
  /** Journeys lost between the previous step and this one. */
  dropOff: number | null;
}

export function funnelSteps(counts: StageCounts): FunnelStepFigures[] {
  return FUNNEL_STEPS.map((stage, index) => {
    const previous = index === 0 ? null : counts[FUNNEL_STEPS[index - 1]];
    return {
      stage,
      count: counts[stage],
      conversion: previous === null ? null : rateOf(counts[stage], previous),
      ofOffered: rateOf(counts[stage], counts.offered),
      dropOff: previous === null ? null : previous - counts[stage],
    };
  });
}
