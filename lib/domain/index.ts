/**
 * The product's vocabulary: intervention points, event types, stages, roles. Integrations
 * (event senders, API clients, the runtime's callers) depend on these strings: never rename them.
 */

export const INTERVENTION_POINTS = ["web_nudge", "ivr_offer", "sms_link", "in_queue", "post_call"] as const;
export type InterventionPoint = (typeof INTERVENTION_POINTS)[number];

export const INTERVENTION_POINT_NAMES: Record<InterventionPoint, string> = {
  web_nudge: "Pre-call digital nudge",
  ivr_offer: "IVR integration",
  sms_link: "SMS chatbot link",
  in_queue: "In-queue proactive chat",
  post_call: "Post-call digital follow-up",
};

export const EVENT_TYPES = [
  "offer.shown",
  "offer.accepted",
  "offer.declined",
  "sms.sent",
  "sms.delivered",
  "sms.failed",
  "link.clicked",
  "chat.started",
  "chat.resolved",
  "chat.unresolved",
  "chat.escalated",
  "call.received",
  "call.abandoned",
  /** A runtime decision kept this eligible customer as a holdout: deliberately not offered (docs/adr/024). */
  "offer.held_out",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const CHANNELS = ["web", "sms", "whatsapp", "voice"] as const;
export type Channel = (typeof CHANNELS)[number];

export const STAGES = ["offered", "accepted", "engaged", "resolved", "escalated", "bounced", "deflected", "pending"] as const;
export type Stage = (typeof STAGES)[number];

export const ROLES = ["manager", "supervisor", "executive", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const API_SCOPES = ["events:write", "metrics:read", "config:read", "config:write", "settings:write", "runtime"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** A call type slug, as events carry it. */
export const CALL_TYPE_SLUG = /^[a-z0-9_]{1,64}$/;

/** "card_arrival" → "Card arrival": the readable name a call type gets when an event first names it. */
export function callTypeNameFromSlug(slug: string): string {
  const words = slug.split("_").filter(Boolean).join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
