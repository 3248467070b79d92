import { createHash } from "node:crypto";
import type { Channel, InterventionPoint } from "@/lib/domain";
import { isoUtc } from "@/lib/domain/time";
import type { StoredEvent } from "@/lib/events/schema";
import { scheduleMatches } from "@/lib/config/ivr";
import type { IvrOfferFields } from "@/lib/config/schemas";

/*
 * The runtime decision (DESIGN.md "Runtime" → "Decisions", docs/adr/024): "offer deflection to this
 * customer now?", answered from the published IVR offers of a workspace. Pure: the caller loads the
 * published offers, the workspace time zone and the opt-out, stores what `decide` answers (the
 * decision and its event) and sends the answer. The same function makes the demo's decisions
 * (lib/demo/generate.ts), so demo holdouts are drawn exactly as live ones.
 *
 * Eligibility, for a call at a point: the enabled, published offers of that point, in evaluation
 * order (priority ascending; equal priorities by name, then id, compared by code unit — the order
 * of escalation rules, lib/config/escalation.ts `compareRules`), and the first whose conditions
 * all hold wins. An offer's conditions:
 * - `callTypes`: the call's type is one of them (a call without a type matches none);
 * - `queues`: the call's queue is one of them, compared exactly (a call without a queue matches none);
 * - `minEstimatedWaitSeconds`: the estimated wait is at least that (an unknown wait counts as 0);
 * - `schedule`: `at` falls in one of its windows, read in the workspace time zone.
 * An absent condition (or an empty list) holds for every call.
 *
 * The reason, when nothing is offered (the first that applies):
 * - `opted_out`: the customer opted out; checked before anything else, whatever the offers.
 * - `outside_schedule` / `wait_below_minimum`: an enabled offer is meant for this call (its call
 *   types and queues hold) but a condition of time does not. The first such offer in evaluation
 *   order names the reason: its schedule is checked first, then its minimum wait.
 * - `disabled`: no enabled offer is meant for this call, but a disabled one is (its call types and
 *   queues hold): switched off, it would otherwise have been considered.
 * - `no_matching_offer`: no published offer of the point is meant for this call (or there is none).
 *
 * Assignment, when an offer is eligible: bucket = the first 8 hex digits of
 * SHA-256(`workspaceId:offerId:customer`) ÷ 2³², holdout when bucket < holdoutPercent ÷ 100. It
 * depends on nothing else, so a customer is in the same arm on every call and every instance for
 * the life of the offer; and it is drawn only for an eligible offer, so eligibility is judged the
 * same way in both arms.
 *
 * Recorded: a treatment decision stores `offer.shown`, a holdout decision `offer.held_out`, with the
 * decision's journey, point, customer, call type and channel, and `{ decisionId, offerId,
 * offerVersion, arm }` in attributes (offerVersion a number there, a string in the answer). A
 * decision that offers nothing stores no event. The event's id is the decision id: a decision
 * stores at most one event, and a decision opens one journey, named by the decision id too.
 */

/** A published IVR offer: the fields of its published version, its id and that version. */
export type PublishedOffer = IvrOfferFields & { id: string; version: number };

/** What is known about the call when the platform asks. */
export interface CallFacts {
  point: InterventionPoint;
  callType?: string;
  queue?: string;
  estimatedWaitSeconds?: number;
  at: Date;
}

export interface DecisionRequest extends CallFacts {
  /** The opaque customer key. */
  customer: string;
  /** The platform's id of the contact (CallSid, ContactId, conversation id): the idempotency key with the point. */
  contactId: string;
}

export const INELIGIBLE_REASONS = ["no_matching_offer", "outside_schedule", "wait_below_minimum", "disabled"] as const;
export type IneligibleReason = (typeof INELIGIBLE_REASONS)[number];

export const DECISION_REASONS = ["eligible", "holdout", ...INELIGIBLE_REASONS, "opted_out", "unavailable"] as const;
export type DecisionReason = (typeof DECISION_REASONS)[number];

export type Arm = "treatment" | "holdout" | "none";

/**
 * The answer, flat and strings only: Amazon Connect's Lambda result and Genesys's output contracts
 * accept nothing nested. Empty strings where nothing applies; a holdout answer names its offer
 * but carries no key, prompt or template, so nothing can be played by mistake.
 */
export interface DecisionAnswer {
  decisionId: string;
  journey: string;
  offer: "true" | "false";
  arm: Arm;
  reason: DecisionReason;
  offerId: string;
  offerVersion: string;
  dtmfKey: string;
  prompt: string;
  smsTemplateId: string;
  [field: string]: string;
}

/** The fields of an answer, in the order they are sent. */
export const ANSWER_FIELDS = ["decisionId", "journey", "offer", "arm", "reason", "offerId", "offerVersion", "dtmfKey", "prompt", "smsTemplateId"] as const;

/** A stored answer (jsonb keeps its own key order) in the order it was first sent, so a retry gets the same bytes. */
export function answerInOrder(stored: Record<string, unknown>): DecisionAnswer {
  return Object.fromEntries(ANSWER_FIELDS.map((field) => [field, String(stored[field] ?? "")])) as DecisionAnswer;
}

export type Eligibility = { offer: PublishedOffer; reason: "eligible" } | { offer: null; reason: IneligibleReason };

export interface DecideInput {
  workspaceId: string;
  request: DecisionRequest;
  /** The workspace's published offers, any point, any order. */
  offers: readonly PublishedOffer[];
  timeZone: string;
  optedOut: boolean;
  /** A new unique id (randomUUID on the server; deterministic in the demo generator). */
  newId: () => string;
}

export interface Decision {
  answer: DecisionAnswer;
  /** The events to store with the decision: none, or one offer.shown / offer.held_out. */
  events: StoredEvent[];
}

/** The channel an offer is made on: at the three offer points, a spoken prompt with a key to press. */
export const CHANNEL_OF_POINT: Record<InterventionPoint, Channel> = {
  web_nudge: "web",
  ivr_offer: "voice",
  sms_link: "sms",
  in_queue: "voice",
  post_call: "voice",
};

/** The customer's bucket in [0, 1) for an offer: the same on every call and every instance. */
export function assignmentBucket(workspaceId: string, offerId: string, customer: string): number {
  const digest = createHash("sha256").update(`${workspaceId}:${offerId}:${customer}`).digest("hex");
  return parseInt(digest.slice(0, 8), 16) / 2 ** 32;
}

export function isHeldOut(bucket: number, holdoutPercent: number): boolean {
  return bucket < holdoutPercent / 100;
}

/** Evaluation order: priority ascending, then name, then id, by code unit (never by locale). */
export function compareOffers(a: PublishedOffer, b: PublishedOffer): number {
  return a.priority - b.priority || compareText(a.name, b.name) || compareText(a.id, b.id);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An absent or empty list is no condition (as in lib/config/ivr.ts); the schemas store neither empty. */
function isSet<T>(list: readonly T[] | undefined): list is readonly T[] {
  return list !== undefined && list.length > 0;
}

/** Call types and queues hold: the offer is meant for this call, whatever the time. */
function meantFor(offer: PublishedOffer, call: CallFacts): boolean {
  const { callTypes, queues } = offer.conditions;
  if (isSet(callTypes) && (call.callType === undefined || !callTypes.includes(call.callType))) return false;
  if (isSet(queues) && (call.queue === undefined || !queues.includes(call.queue))) return false;
  return true;
}

/** The condition of time that fails for an offer meant for the call, or null when all hold. */
function timeProblem(offer: PublishedOffer, call: CallFacts, timeZone: string): "outside_schedule" | "wait_below_minimum" | null {
  const { schedule, minEstimatedWaitSeconds } = offer.conditions;
  if (isSet(schedule) && !scheduleMatches(schedule, call.at, timeZone)) return "outside_schedule";
  if (minEstimatedWaitSeconds !== undefined && (call.estimatedWaitSeconds ?? 0) < minEstimatedWaitSeconds) return "wait_below_minimum";
  return null;
}

/** The offer this call is eligible for, or why there is none (see the top of this file). */
export function eligibleOffer(offers: readonly PublishedOffer[], call: CallFacts, timeZone: string): Eligibility {
  const meant = offers.filter((offer) => offer.point === call.point && meantFor(offer, call)).sort(compareOffers);
  const enabled = meant.filter((offer) => offer.enabled);
  const winner = enabled.find((offer) => timeProblem(offer, call, timeZone) === null);
  if (winner) return { offer: winner, reason: "eligible" };
  if (enabled.length > 0) return { offer: null, reason: timeProblem(enabled[0], call, timeZone)! };
  return { offer: null, reason: meant.length > 0 ? "disabled" : "no_matching_offer" };
}

const NOTHING = { offerId: "", offerVersion: "", dtmfKey: "", prompt: "", smsTemplateId: "" };

/** The answer when the database could not be reached in time: nothing offered, nothing stored. */
export function unavailableAnswer(): DecisionAnswer {
  return { decisionId: "", journey: "", offer: "false", arm: "none", reason: "unavailable", ...NOTHING };
}

/** Decides for one request: the answer to send and the events to store with it before sending. */
export function decide({ workspaceId, request, offers, timeZone, optedOut, newId }: DecideInput): Decision {
  const decisionId = newId();
  const nothing = (reason: DecisionReason): Decision => ({
    answer: { decisionId, journey: "", offer: "false", arm: "none", reason, ...NOTHING },
    events: [],
  });
  if (optedOut) return nothing("opted_out");
  const eligibility = eligibleOffer(offers, request, timeZone);
  if (!eligibility.offer) return nothing(eligibility.reason);

  const offer = eligibility.offer;
  const holdout = isHeldOut(assignmentBucket(workspaceId, offer.id, request.customer), offer.holdoutPercent);
  const arm = holdout ? "holdout" : "treatment";
  const journey = decisionId;
  const event: StoredEvent = {
    id: decisionId,
    type: holdout ? "offer.held_out" : "offer.shown",
    occurredAt: isoUtc(request.at.getTime()),
    customer: request.customer,
    journey,
    point: request.point,
    channel: CHANNEL_OF_POINT[request.point],
    callType: request.callType ?? null,
    attributes: { decisionId, offerId: offer.id, offerVersion: offer.version, arm },
  };
  const answer: DecisionAnswer = holdout
    ? { decisionId, journey, offer: "false", arm, reason: "holdout", ...NOTHING, offerId: offer.id, offerVersion: String(offer.version) }
    : {
        decisionId,
        journey,
        offer: "true",
        arm,
        reason: "eligible",
        offerId: offer.id,
        offerVersion: String(offer.version),
        dtmfKey: offer.dtmfKey,
        prompt: offer.prompt,
        smsTemplateId: offer.smsTemplateId,
      };
  return { answer, events: [event] };
}
