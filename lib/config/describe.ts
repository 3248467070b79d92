import { formatScheduleWindow } from "./diff";
import { formatSeconds } from "./format";
import type { EscalationAction, EscalationConditions, OfferConditions } from "./schemas";

/** Sentences for people about what a rule or offer does, for lists and confirmations. */

type Names = Record<string, string>;

function list(values: readonly string[], names: Names = {}, max = 3): string {
  const shown = values.slice(0, max).map((value) => names[value] ?? value);
  const rest = values.length - shown.length;
  return rest > 0 ? `${shown.join(", ")} and ${rest} more` : shown.join(", ");
}

function quoted(values: readonly string[], max = 3): string {
  return list(values.map((value) => `“${value}”`), {}, max);
}

export function describeEscalationConditions(conditions: EscalationConditions, callTypeNames: Names = {}): string[] {
  const parts: string[] = [];
  if (conditions.callTypes?.length) parts.push(`Call type is ${list(conditions.callTypes, callTypeNames)}`);
  if (conditions.minFailedAttempts !== undefined) parts.push(`Bot failed ${conditions.minFailedAttempts}+ time${conditions.minFailedAttempts === 1 ? "" : "s"}`);
  if (conditions.maxSentiment !== undefined) parts.push(`Sentiment ${conditions.maxSentiment} or lower`);
  if (conditions.customerTiers?.length) parts.push(`Customer tier is ${list(conditions.customerTiers)}`);
  if (conditions.keywords?.length) parts.push(`Message mentions ${quoted(conditions.keywords)}`);
  if (conditions.outsideBusinessHours) parts.push("Outside business hours");
  return parts;
}

export const ACTION_LABELS: Record<EscalationAction["type"], string> = {
  live_agent: "Live agent",
  callback: "Callback",
  phone_number: "Transfer to a number",
  ticket: "Ticket only",
};

export function describeAction(action: EscalationAction): string {
  switch (action.type) {
    case "live_agent":
      return `Live agent in queue “${action.queue}”`;
    case "callback":
      return `Call back within ${formatSeconds(action.withinMinutes * 60)}`;
    case "phone_number":
      return `Transfer to ${action.phoneNumber}`;
    case "ticket":
      return "Open a ticket (no person)";
  }
}

export function describeOfferConditions(conditions: OfferConditions, callTypeNames: Names = {}): string[] {
  const parts: string[] = [];
  if (conditions.callTypes?.length) parts.push(`${conditions.callTypes.length === 1 ? "Call type" : `${conditions.callTypes.length} call types`}: ${list(conditions.callTypes, callTypeNames, 2)}`);
  if (conditions.queues?.length) parts.push(`Queue ${list(conditions.queues)}`);
  if (conditions.minEstimatedWaitSeconds !== undefined) parts.push(`Wait ≥ ${formatSeconds(conditions.minEstimatedWaitSeconds)}`);
  if (conditions.schedule?.length) parts.push(conditions.schedule.map(formatScheduleWindow).join("; "));
  return parts;
}
