/**
 * What each number on the dashboards means, in the words of DESIGN.md "Metric definitions".
 * Shown one hover or focus away from every metric (components/dashboard/metric-term.tsx).
 * `{window}` is replaced by the workspace's attribution window, e.g. "72 hours".
 */
export const METRIC_DEFINITIONS = {
  journey:
    "A journey is one deflection attempt: the events that share one journey id. It belongs to the day of its first offer in the workspace time zone.",
  offered: "Journeys with an offer shown (offer.shown).",
  accepted: "Journeys where the customer accepted the offer (offer.accepted).",
  engaged: "Journeys where a bot conversation started (chat.started).",
  resolved: "Journeys where the bot resolved the issue (chat.resolved).",
  escalated: "Journeys the bot handed to a human (chat.escalated).",
  bounced:
    "Bounce-backs: engaged journeys whose customer still called an agent between the start of the chat and {window} after the journey's last event.",
  deflected:
    "Confirmed deflections: resolved journeys with no bounce-back, whose {window} attribution window has fully passed, so the customer is known not to have called back.",
  pending:
    "Resolved journeys with no bounce-back yet, still inside their {window} attribution window: they become deflected or bounced once it passes.",
  agentCalls:
    "Calls that reached an agent (call.received events) in the period, by the time they happened. Filtered by call type only: a call has no intervention point or channel.",
  deflectionRate: "Confirmed deflections ÷ (confirmed deflections + agent calls). Shown with its 95% Wilson interval.",
  containmentRate: "Bot containment: resolved ÷ engaged journeys. The share of bot conversations the bot resolved itself.",
  bounceBackRate: "Bounce-back rate: bounced ÷ engaged journeys. A customer sent to a bot that could not help, who called anyway.",
  savings:
    "Σ over confirmed deflections of (phone cost of its call type − digital cost). A call type's own phone cost applies when set, else the workspace default.",
  acceptanceRate: "Accepted ÷ offered journeys.",
  stepConversion: "The share of journeys at the previous step that reached this one, with its 95% Wilson interval.",
  phoneCalls: "Agent calls of this call type in the period (call.received).",
  resolutionRate: "Resolved ÷ engaged journeys of this call type; null when none engaged. Shown with its 95% Wilson interval.",
  parityStatus:
    "Uncovered: phone calls but no bot conversation. Below target: resolution rate under the workspace target. At parity: at or above the target.",
  opportunity:
    "Phone calls × max(0, target − resolution rate) × (phone cost − digital cost): what closing the gap to the resolution target would save.",
  topUnresolved: "The five most frequent customer utterances of this call type's unresolved bot conversations (chat.unresolved), trimmed and lower-cased.",
  roiSavings: "Confirmed deflections of the month × (phone cost of their call type − digital cost). A journey belongs to the month of its first offer.",
  cumulativeSavings: "Savings added up month by month from the first month shown.",
  holdoutCallRate:
    "Held-out callers (eligible, deliberately not offered: offer.held_out) who called an agent within {window} after their first decision, ÷ held-out callers. With its 95% Wilson interval.",
  offeredCallRate:
    "Offered callers (offer.shown by a runtime decision) who called an agent within {window} after their first decision, ÷ offered callers. With its 95% Wilson interval.",
  lift: "Calls avoided per offered customer: holdout call rate − offered call rate, with its 95% Newcombe interval. Above zero, the offer causes fewer calls.",
  incrementalDeflections: "Calls the offer avoided: the lift × offered callers, with the same interval.",
  incrementalityRatio: "Incremental ÷ attributed deflections: how much of the funnel's count of deflections the holdout confirms.",
  sampleRatio:
    "χ² test of offered vs held-out callers against the offer's holdout percent. p < 0.001 means assignment or recording is broken, and no lift is shown.",
  enoughData: "Callers needed in each arm to see a difference of 2 calls per 100 (95% confidence, 80% power).",
  netSavings:
    "Incremental deflections × (phone cost − digital cost) − SMS segments sent × cost per segment − bot conversations × cost per conversation, for the offered callers; interval from the lift's.",
  attributedSavings: "The funnel's savings: confirmed deflections × (phone cost − digital cost), whether or not the offer caused them.",
} as const;

export type MetricKey = keyof typeof METRIC_DEFINITIONS;

export function definitionOf(metric: MetricKey, windowHours: number): string {
  return METRIC_DEFINITIONS[metric].replaceAll("{window}", `${windowHours}-hour`);
}
