/**
 * The Impact page's reads and words: `GET /api/v1/metrics/incrementality` under one query key
 * (filled on the server for the first paint), the filters in the URL, the plain sentence each
 * offer gets, and its CSV rows. The numbers are the API's (docs/adr/026); this only says them.
 */
import { queryOptions } from "@tanstack/react-query";
import { createLoader, parseAsStringLiteral } from "nuqs/server";
import { INTERVENTION_POINTS, type InterventionPoint } from "@/lib/domain";
import type { IncrementalityResult, OfferIncrementality } from "@/lib/metrics/incrementality";
import { getJson } from "./api";
import { csvRate, type CsvCell } from "./csv";
import { formatCount } from "./format";
import { type DayRange, resolvePeriod } from "./period";
import { compact } from "./query-keys";
import { parseAsDay } from "./url-state";

export interface ImpactParams {
  from: string;
  to: string;
  point?: InterventionPoint;
  asOf: string;
}

export const impactParsers = { from: parseAsDay, to: parseAsDay, point: parseAsStringLiteral(INTERVENTION_POINTS) };
export const loadImpactFilters = createLoader(impactParsers);

export function impactParams(url: { from: string | null; to: string | null; point: InterventionPoint | null }, today: string, asOf: string): ImpactParams {
  const period: DayRange = resolvePeriod(url.from, url.to, today);
  return compact({ ...period, point: url.point ?? undefined, asOf });
}

export const impactKey = (params: ImpactParams) => ["dashboard", "incrementality", params] as const;

export const impactOptions = (params: ImpactParams) =>
  queryOptions({
    queryKey: impactKey(params),
    queryFn: ({ signal }) => getJson<IncrementalityResult>("/api/v1/metrics/incrementality", params, signal),
    // A pinned asOf answers the same forever; "Refresh" picks a new asOf, a new key.
    staleTime: Number.POSITIVE_INFINITY,
  });

/** Calls per 100 callers with one decimal: 0.031 → "3.1". */
export const per100 = (value: number) => (value * 100).toFixed(1).replace(/^-0\.0$/, "0.0");

export type Verdict = "srm" | "no_holdout" | "not_enough" | "avoided" | "added" | "unclear";

/** What can be said of an offer: a broken split first, then too little data, then the lift. */
export function verdictOf(offer: Pick<OfferIncrementality, "srm" | "lift" | "enough">): Verdict {
  if (offer.srm && !offer.srm.ok) return "srm";
  if (!offer.lift) return "no_holdout";
  if (!offer.enough) return "not_enough";
  if (offer.lift.low > 0) return "avoided";
  if (offer.lift.high < 0) return "added";
  return "unclear";
}

/** The plain sentence an offer gets on the Impact page. */
export function impactSentence(offer: OfferIncrementality): string {
  const name = `“${offer.name ?? offer.offerId}”`;
  const lift = offer.lift;
  const interval = lift ? `(95% CI ${per100(lift.low)} to ${per100(lift.high)})` : "";
  switch (verdictOf(offer)) {
    case "srm":
      return `The split between offered and held-out callers of ${name} is not what its ${offer.holdoutPercent}% holdout asks for (p = ${offer.srm!.p < 0.0001 ? "< 0.0001" : offer.srm!.p.toFixed(4)}): assignment or recording is broken, so no lift is shown.`;
    case "no_holdout":
      return offer.nHoldout === 0
        ? `${name} has no held-out callers in this period, so what it causes cannot be measured. Set a holdout percent on the offer.`
        : `${name} was offered to no eligible caller in this period.`;
    case "not_enough": {
      const required = offer.requiredPerArm ?? 0;
      const needed = { holdout: Math.max(0, required - offer.nHoldout), treatment: Math.max(0, required - offer.nTreatment) };
      const more =
        needed.holdout > 0
          ? `about ${formatCount(roundUp(needed.holdout))} more holdout callers needed`
          : `about ${formatCount(roundUp(needed.treatment))} more offered callers needed`;
      return `Not enough data yet for ${name}: ${more} to see a difference of 2 calls per 100 (so far ${per100(lift!.value)} per 100 ${interval}).`;
    }
    case "avoided":
      return `Offering ${name} avoided ${per100(lift!.value)} calls per 100 eligible callers ${interval}.`;
    case "added":
      return `Offering ${name} led to ${per100(-lift!.value)} more calls per 100 eligible callers ${interval}: the offer sends callers back to the phone.`;
    case "unclear":
      return `Offering ${name} made no clear difference: ${per100(lift!.value)} calls avoided per 100 eligible callers ${interval}, an interval that includes zero.`;
  }
}

/** "About 2,300", not "about 2,287": a need is an estimate. */
function roundUp(value: number): number {
  if (value < 100) return value;
  const step = value < 1_000 ? 10 : 100;
  return Math.ceil(value / step) * step;
}

export const IMPACT_CSV_HEADER = [
  "offer_id", "name", "point", "holdout_percent", "n_treatment", "n_holdout", "called_treatment", "called_holdout",
  "p_treatment", "p_holdout", "lift", "lift_ci95_low", "lift_ci95_high", "relative_lift",
  "incremental_deflections", "incremental_ci95_low", "incremental_ci95_high", "attributed_deflections", "incrementality_ratio",
  "srm_chi_square", "srm_p", "srm_ok", "required_per_arm", "enough",
  "net_savings", "net_savings_ci95_low", "net_savings_ci95_high", "incremental_value", "sms_segments", "sms_cost", "bot_conversations", "bot_cost", "currency",
];

const round = (value: number | null | undefined, digits: number) => (value === null || value === undefined ? null : Math.round(value * 10 ** digits) / 10 ** digits);

export function impactCsvRows(result: IncrementalityResult): CsvCell[][] {
  return result.offers.map((offer) => [
    offer.offerId, offer.name, offer.point, offer.holdoutPercent, offer.nTreatment, offer.nHoldout, offer.calledTreatment, offer.calledHoldout,
    csvRate(offer.pTreatment), csvRate(offer.pHoldout), csvRate(offer.lift?.value), csvRate(offer.lift?.low), csvRate(offer.lift?.high), csvRate(offer.relativeLift),
    round(offer.incrementalDeflections?.value, 2), round(offer.incrementalDeflections?.low, 2), round(offer.incrementalDeflections?.high, 2),
    offer.attributedDeflections, csvRate(offer.incrementalityRatio),
    round(offer.srm?.chiSquare, 4), offer.srm ? offer.srm.p : null, offer.srm ? offer.srm.ok : null, offer.requiredPerArm, offer.enough,
    offer.netSavings.value, offer.netSavings.low, offer.netSavings.high, offer.netSavings.incrementalValue,
    offer.netSavings.smsSegments, offer.netSavings.smsCost, offer.netSavings.botConversations, offer.netSavings.botCost, result.currency,
  ]);
}

/** The journeys of one arm behind an offer's numbers: the journeys page, narrowed by point and arm. */
export function armJourneysHref(params: ImpactParams, point: string, arm: "treatment" | "holdout"): string {
  const query = new URLSearchParams({ from: params.from, to: params.to });
  if ((INTERVENTION_POINTS as readonly string[]).includes(point)) query.set("point", point);
  query.set("arm", arm);
  query.set("asOf", params.asOf);
  return `/journeys?${query.toString()}`;
}

/**
 * Net savings of a period for the ROI page: the sum over the offers whose lift can be read (a
 * holdout, a sound split), each measured against its own holdout. Their intervals do not add up;
 * the Impact page shows each one's.
 */
export function netSavingsTotal(result: IncrementalityResult): { value: number; offers: number; unmeasured: number } {
  let cents = 0;
  let offers = 0;
  for (const offer of result.offers) {
    const verdict = verdictOf(offer);
    if (verdict === "srm" || offer.netSavings.value === null) continue;
    cents += Math.round(offer.netSavings.value * 100);
    offers++;
  }
  return { value: cents / 100, offers, unmeasured: result.offers.length - offers };
}
