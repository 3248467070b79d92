/**
 * Incrementality (DESIGN.md "Incrementality", docs/adr/026): does an offer cause fewer calls?
 * Pure statistics over the counts of an offer's holdout and treatment customers — the Wilson
 * interval of each arm's call rate, Newcombe's hybrid score interval of their difference, the
 * sample ratio χ² test, the sample size needed to see a 2-point difference — and the report of an
 * offer or a point built from those counts. The SQL path (db/queries/incrementality.ts) and the
 * plain reference (lib/metrics/incrementality-reference.ts) both count; this file alone computes.
 */
import { jStat } from "jstat";
import { type Estimate, newcombeDifference } from "./newcombe";
import { type Interval, Z_95, wilson } from "./wilson";

export { newcombeDifference, wilson, Z_95 };
export type { Estimate };

/** The effect the "enough data" rule must be able to see: 2 percentage points. */
export const DETECTABLE_DIFFERENCE = 0.02;
/** Two-sided significance of the sample-size rule, and its power. */
export const SIGNIFICANCE = 0.05;
export const POWER = 0.8;
/** Below this p-value the sample ratio check fails: assignment or recording is broken. */
export const SRM_THRESHOLD = 0.001;

/**
 * The upper tail of the χ² distribution with one degree of freedom: P(X ≥ x) = erfc(√(x / 2)).
 * jStat's erfc is exact to about 1e-16 absolute, so a p-value below that reads as 0: far below the
 * 0.001 the sample ratio check compares it with.
 */
export function chiSquareOneDofPValue(chiSquare: number): number {
  if (!(chiSquare >= 0)) throw new RangeError(`χ² must be a number ≥ 0, got ${chiSquare}`);
  return jStat.erfc(Math.sqrt(chiSquare / 2));
}

export interface SampleRatioCheck {
  chiSquare: number;
  p: number;
  /** False when p < 0.001: the arms are not in the ratio the offer asks for. */
  ok: boolean;
}

/**
 * χ² goodness of fit of the observed (treatment, holdout) customers against the shares
 * (1 − h, h) the offer's holdout percent asks for, as scipy's `chisquare` computes it. Null when
 * there are no customers or the holdout share is 0 or 100 % (nothing to compare).
 */
export function sampleRatioCheck(nTreatment: number, nHoldout: number, holdoutShare: number): SampleRatioCheck | null {
  const total = nTreatment + nHoldout;
  if (total === 0 || !(holdoutShare > 0 && holdoutShare < 1)) return null;
  const expectedHoldout = total * holdoutShare;
  const expectedTreatment = total - expectedHoldout;
  const chiSquare = (nTreatment - expectedTreatment) ** 2 / expectedTreatment + (nHoldout - expectedHoldout) ** 2 / expectedHoldout;
  const p = chiSquareOneDofPValue(chiSquare);
  return { chiSquare, p, ok: p >= SRM_THRESHOLD };
}

/** The standard normal quantile. */
const normalQuantile = (probability: number) => jStat.normal.inv(probability, 0, 1);

/**
 * Customers needed in each arm to detect a difference of `difference` between two call rates
 * centred on `baseline`, two-sided at `significance` with `power` (the two-proportion formula
 * without continuity correction, Fleiss 1981 §3.2):
 *   n = (z₁₋α/₂ √(2 p̄ (1 − p̄)) + z₁₋β √(p₁(1 − p₁) + p₂(1 − p₂)))² / (p₁ − p₂)²
 * with p₁ = p̄ + d/2 and p₂ = p̄ − d/2 (p̄ kept within [d/2, 1 − d/2]), rounded up.
 */
export function requiredSamplePerArm(baseline: number, difference = DETECTABLE_DIFFERENCE, significance = SIGNIFICANCE, power = POWER): number {
  if (!(baseline >= 0 && baseline <= 1)) throw new RangeError(`baseline must be a rate in [0, 1], got ${baseline}`);
  if (!(difference > 0 && difference < 1)) throw new RangeError(`difference must be in (0, 1), got ${difference}`);
  const pooled = Math.min(Math.max(baseline, difference / 2), 1 - difference / 2);
  const p1 = pooled + difference / 2;
  const p2 = pooled - difference / 2;
  const zAlpha = normalQuantile(1 - significance / 2);
  const zBeta = normalQuantile(power);
  const root = zAlpha * Math.sqrt(2 * pooled * (1 - pooled)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  // A hair below the next integer is that integer (floating error must not ask for one more customer).
  return Math.ceil((root * root) / (difference * difference) - 1e-9);
}

// ---------------------------------------------------------------------------------------------
// The report of an offer, from its counts

/** What the SQL path and the reference count for one offer (or one point, summed over its offers). */
export interface IncrementalityCounts {
  nTreatment: number;
  nHoldout: number;
  calledTreatment: number;
  calledHoldout: number;
  /** Treatment customers' decision journeys that are deflected at asOf. */
  attributedDeflections: number;
  /** Σ segments of the sms.sent events of the treatment decision journeys. */
  smsSegments: number;
  /** chat.started events of the treatment decision journeys. */
  botConversations: number;
  /** Treatment customers by the call type of their decision ("" for none): their phone cost. */
  treatmentByCallType: Record<string, number>;
}

/** The costs net savings reads (workspace settings). */
export interface IncrementalityCosts {
  phoneCost: number;
  phoneCostByCallType: Record<string, number>;
  digitalCost: number;
  smsCostPerSegment: number;
  botCostPerConversation: number;
}

export interface NetSavings {
  /** incrementalValue − smsCost − botCost; null without a lift. */
  value: number | null;
  low: number | null;
  high: number | null;
  /** Incremental deflections × (phone cost − digital cost); null without a lift. */
  incrementalValue: number | null;
  smsCost: number;
  botCost: number;
  smsSegments: number;
  botConversations: number;
  /** The mean phone cost of the treatment customers' call types. */
  phoneCost: number | null;
}

/** The fields of DESIGN.md's incrementality answer that an offer and a point share. */
export interface IncrementalityFields {
  nTreatment: number;
  nHoldout: number;
  calledTreatment: number;
  calledHoldout: number;
  pTreatment: number | null;
  pHoldout: number | null;
  /** Calls avoided per offered customer, Δ = pHoldout − pTreatment, with its Newcombe interval. */
  lift: Estimate | null;
  /** Δ ÷ pHoldout. */
  relativeLift: number | null;
  /** Δ × nTreatment, with the interval scaled the same way. */
  incrementalDeflections: Estimate | null;
  attributedDeflections: number;
  /** incrementalDeflections ÷ attributedDeflections. */
  incrementalityRatio: number | null;
  /** Customers per arm needed to see a 2-point difference at 95 % / 80 % power. */
  requiredPerArm: number | null;
  /** Both arms have at least requiredPerArm customers. */
  enough: boolean;
  netSavings: NetSavings;
}

export interface OfferIncrementality extends IncrementalityFields {
  offerId: string;
  /** The offer's name at its first counted decision's version (else its latest); null for an offer the configuration does not know. */
  name: string | null;
  point: string;
  /** The published holdout percent at the first counted decision's offerVersion; null when unknown. */
  holdoutPercent: number | null;
  srm: SampleRatioCheck | null;
}

export interface PointIncrementality extends IncrementalityFields {
  point: string;
}

export interface IncrementalityResult {
  from: string;
  to: string;
  asOf: string;
  windowHours: number;
  currency: string;
  offers: OfferIncrementality[];
  /** Every intervention point, in DESIGN.md order: its offers' counts summed, the rest computed from the sums. */
  points: PointIncrementality[];
}

const cents = (value: number) => Math.round((value + Number.EPSILON * Math.sign(value)) * 100) / 100 || 0;

/** Mean phone cost of the treatment customers' call types, null without treatment customers. */
export function meanPhoneCost(treatmentByCallType: Record<string, number>, costs: Pick<IncrementalityCosts, "phoneCost" | "phoneCostByCallType">): number | null {
  let customers = 0;
  let total = 0;
  for (const [callType, count] of Object.entries(treatmentByCallType)) {
    customers += count;
    total += count * (costs.phoneCostByCallType[callType] ?? costs.phoneCost);
  }
  return customers === 0 ? null : total / customers;
}

/** Every field of an offer's or point's report from its counts (DESIGN.md "Incrementality"). */
export function incrementalityFields(counts: IncrementalityCounts, costs: IncrementalityCosts): IncrementalityFields {
  const { nTreatment, nHoldout, calledTreatment, calledHoldout, attributedDeflections, smsSegments, botConversations } = counts;
  const pTreatment = nTreatment > 0 ? calledTreatment / nTreatment : null;
  const pHoldout = nHoldout > 0 ? calledHoldout / nHoldout : null;
  const lift = newcombeDifference(calledHoldout, nHoldout, calledTreatment, nTreatment);
  const incrementalDeflections = lift && { value: lift.value * nTreatment, low: lift.low * nTreatment, high: lift.high * nTreatment };
  const total = nTreatment + nHoldout;
  const requiredPerArm = total > 0 ? requiredSamplePerArm((calledTreatment + calledHoldout) / total) : null;

  const phoneCost = meanPhoneCost(counts.treatmentByCallType, costs);
  const smsCost = cents(smsSegments * costs.smsCostPerSegment);
  const botCost = cents(botConversations * costs.botCostPerConversation);
  const margin = phoneCost === null ? null : phoneCost - costs.digitalCost;
  const valueOf = (deflections: number) => cents(deflections * (margin ?? 0));
  const net = (deflections: number) => cents(valueOf(deflections) - smsCost - botCost);
  const bounds = incrementalDeflections && [net(incrementalDeflections.low), net(incrementalDeflections.high)];

  return {
    nTreatment,
    nHoldout,
    calledTreatment,
    calledHoldout,
    pTreatment,
    pHoldout,
    lift,
    relativeLift: lift && pHoldout ? lift.value / pHoldout : null,
    incrementalDeflections,
    attributedDeflections,
    incrementalityRatio: incrementalDeflections && attributedDeflections > 0 ? incrementalDeflections.value / attributedDeflections : null,
    requiredPerArm,
    enough: requiredPerArm !== null && Math.min(nTreatment, nHoldout) >= requiredPerArm,
    netSavings: {
      value: incrementalDeflections && net(incrementalDeflections.value),
      // A negative margin (digital dearer than the phone) turns the interval round.
      low: bounds && Math.min(...bounds),
      high: bounds && Math.max(...bounds),
      incrementalValue: incrementalDeflections && valueOf(incrementalDeflections.value),
      smsCost,
      botCost,
      smsSegments,
      botConversations,
      phoneCost: phoneCost === null ? null : cents(phoneCost),
    },
  };
}

/** Counts of several offers added up (a point's row). */
export function sumCounts(all: readonly IncrementalityCounts[]): IncrementalityCounts {
  const sum: IncrementalityCounts = {
    nTreatment: 0,
    nHoldout: 0,
    calledTreatment: 0,
    calledHoldout: 0,
    attributedDeflections: 0,
    smsSegments: 0,
    botConversations: 0,
    treatmentByCallType: {},
  };
  for (const counts of all) {
    sum.nTreatment += counts.nTreatment;
    sum.nHoldout += counts.nHoldout;
    sum.calledTreatment += counts.calledTreatment;
    sum.calledHoldout += counts.calledHoldout;
    sum.attributedDeflections += counts.attributedDeflections;
    sum.smsSegments += counts.smsSegments;
    sum.botConversations += counts.botConversations;
    for (const [callType, n] of Object.entries(counts.treatmentByCallType)) sum.treatmentByCallType[callType] = (sum.treatmentByCallType[callType] ?? 0) + n;
  }
  return sum;
}

/** What the counting found for one offer, before its report is computed. */
export interface CountedOffer extends IncrementalityCounts {
  offerId: string;
  point: string;
  name: string | null;
  holdoutPercent: number | null;
}

/** The whole answer from the counted offers: offers sorted by point (DESIGN.md order), then id. */
export function incrementalityReport(
  header: Omit<IncrementalityResult, "offers" | "points">,
  offers: readonly CountedOffer[],
  costs: IncrementalityCosts,
  points: readonly string[],
): IncrementalityResult {
  const order = (point: string) => (points.indexOf(point) === -1 ? points.length : points.indexOf(point));
  const sorted = [...offers].sort((a, b) => order(a.point) - order(b.point) || (a.offerId < b.offerId ? -1 : a.offerId > b.offerId ? 1 : 0));
  return {
    ...header,
    offers: sorted.map(({ offerId, point, name, holdoutPercent, ...counts }) => ({
      offerId,
      name,
      point,
      holdoutPercent,
      ...incrementalityFields(counts, costs),
      srm: holdoutPercent === null ? null : sampleRatioCheck(counts.nTreatment, counts.nHoldout, holdoutPercent / 100),
    })),
    points: points.map((point) => ({ point, ...incrementalityFields(sumCounts(offers.filter((offer) => offer.point === point)), costs) })),
  };
}

/** Holdout (or treatment) customers still missing before the lift can be read; 0 when there are enough. */
export function customersStillNeeded(fields: Pick<IncrementalityFields, "nTreatment" | "nHoldout" | "requiredPerArm">): { holdout: number; treatment: number } {
  const required = fields.requiredPerArm ?? 0;
  return { holdout: Math.max(0, required - fields.nHoldout), treatment: Math.max(0, required - fields.nTreatment) };
}

export type { Interval };
