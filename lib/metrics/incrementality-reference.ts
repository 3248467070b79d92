/**
 * The reference computation of the incrementality report (DESIGN.md "Incrementality",
 * docs/adr/026): a plain in-memory reading of the raw events, word for word, that the SQL path
 * (db/queries/incrementality.ts) is tested against. Quadratic in places; obviously right first.
 */
import { INTERVENTION_POINTS, type InterventionPoint } from "@/lib/domain";
import type { StoredEvent } from "@/lib/events/schema";
import { type CountedOffer, type IncrementalityCosts, type IncrementalityCounts, type IncrementalityResult, incrementalityReport } from "./incrementality";
import { buildJourneys, compareEvents, localDay, stageOf } from "./reference";
import type { MetricSettings } from "./types";

const HOUR_MS = 60 * 60 * 1000;

export interface IncrementalityOptions {
  /** First and last local day of decidedAt, inclusive. */
  from: string;
  to: string;
  asOf: Date | string;
  point?: InterventionPoint;
  offerId?: string;
}

/** What the configuration says of an offer at one version. */
export interface OfferVersionFacts {
  name: string | null;
  holdoutPercent: number | null;
}

/** The configuration's offers: each version's name and holdout percent, and the latest version's. */
export type OfferCatalog = Readonly<Record<string, { latest: OfferVersionFacts; versions: Readonly<Record<number, OfferVersionFacts>> }>>;

export type IncrementalitySettings = MetricSettings & Pick<IncrementalityCosts, "smsCostPerSegment" | "botCostPerConversation">;

/** A decision: an offer.shown or offer.held_out whose attributes carry a non-empty string offerId. */
export function decisionOfferId(event: StoredEvent): string | null {
  if (event.type !== "offer.shown" && event.type !== "offer.held_out") return null;
  const offerId = event.attributes?.offerId;
  return typeof offerId === "string" && offerId.length > 0 ? offerId : null;
}

/** attributes.offerVersion as a version number: a whole number from 1 to 2³¹ − 1, or such a number as digits. */
export function decisionOfferVersion(event: StoredEvent): number | null {
  const value = event.attributes?.offerVersion;
  const version = typeof value === "number" ? value : typeof value === "string" && /^[0-9]{1,9}$/.test(value) ? Number(value) : Number.NaN;
  return Number.isInteger(version) && version >= 1 && version <= 2_147_483_647 ? version : null;
}

/** attributes.segments of an sms.sent: a whole number from 1 to 10, else 1 (a message is at least one segment). */
export function smsSegmentsOf(event: StoredEvent): number {
  const value = event.attributes?.segments;
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 10 ? value : 1;
}

interface Exposure {
  offerId: string;
  decision: StoredEvent;
  arm: "treatment" | "holdout";
}

/**
 * Each customer's first decision of each offer, over every decision ever recorded: the moment the
 * customer entered the experiment. Later decisions of the same offer and customer are repeats.
 */
export function firstDecisions(events: readonly StoredEvent[]): Exposure[] {
  const first = new Map<string, Exposure>();
  for (const event of [...events].sort(compareEvents)) {
    const offerId = decisionOfferId(event);
    if (offerId === null) continue;
    const key = JSON.stringify([offerId, event.customer]);
    if (!first.has(key)) first.set(key, { offerId, decision: event, arm: event.type === "offer.held_out" ? "holdout" : "treatment" });
  }
  return [...first.values()];
}

export function incrementality(
  events: readonly StoredEvent[],
  settings: IncrementalitySettings,
  options: IncrementalityOptions,
  catalog: OfferCatalog = {},
): IncrementalityResult {
  const asOf = typeof options.asOf === "string" ? Date.parse(options.asOf) : options.asOf.getTime();
  const window = settings.windowHours * HOUR_MS;
  const calls = events.filter((event) => event.type === "call.received");
  const journeys = new Map(buildJourneys(events).map((journey) => [journey.journey, journey]));

  const counted = firstDecisions(events).filter(({ offerId, decision }) => {
    const day = localDay(decision.occurredAt, settings.timeZone);
    return (
      options.from <= day &&
      day <= options.to &&
      Date.parse(decision.occurredAt) + window <= asOf &&
      (options.point === undefined || decision.point === options.point) &&
      (options.offerId === undefined || offerId === options.offerId)
    );
  });

  const byOffer = new Map<string, Exposure[]>();
  for (const exposure of counted) byOffer.set(exposure.offerId, [...(byOffer.get(exposure.offerId) ?? []), exposure]);

  const offers: CountedOffer[] = [...byOffer].map(([offerId, exposures]) => {
    const counts: IncrementalityCounts = {
      nTreatment: 0,
      nHoldout: 0,
      calledTreatment: 0,
      calledHoldout: 0,
      attributedDeflections: 0,
      smsSegments: 0,
      botConversations: 0,
      treatmentByCallType: {},
    };
    for (const { decision, arm } of exposures) {
      const decidedAt = Date.parse(decision.occurredAt);
      const called = calls.some((call) => {
        const at = Date.parse(call.occurredAt);
        return call.customer === decision.customer && decidedAt <= at && at < decidedAt + window;
      });
      if (arm === "holdout") {
        counts.nHoldout++;
        if (called) counts.calledHoldout++;
        continue;
      }
      counts.nTreatment++;
      if (called) counts.calledTreatment++;
      const callType = decision.callType ?? "";
      counts.treatmentByCallType[callType] = (counts.treatmentByCallType[callType] ?? 0) + 1;
      const journey = decision.journey === null ? undefined : journeys.get(decision.journey);
      if (journey && stageOf(journey, events, settings, new Date(asOf)).deflected) counts.attributedDeflections++;
      for (const event of events) {
        if (event.journey !== decision.journey) continue;
        if (event.type === "sms.sent") counts.smsSegments += smsSegmentsOf(event);
        if (event.type === "chat.started") counts.botConversations++;
      }
    }
    const first = [...exposures].sort((a, b) => compareEvents(a.decision, b.decision))[0].decision;
    const version = decisionOfferVersion(first);
    const offer = catalog[offerId];
    const atVersion = offer && version !== null ? offer.versions[version] : undefined;
    return {
      offerId,
      point: first.point ?? "",
      name: atVersion?.name ?? offer?.latest.name ?? null,
      holdoutPercent: atVersion?.holdoutPercent ?? null,
      ...counts,
    };
  });

  return incrementalityReport(
    { from: options.from, to: options.to, asOf: new Date(asOf).toISOString(), windowHours: settings.windowHours, currency: settings.currency },
    offers,
    settings,
    INTERVENTION_POINTS,
  );
}
