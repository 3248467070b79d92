import { DEMO_IVR_OFFER_CALL_TYPES, DEMO_QUEUES } from "@/lib/demo/call-types";

/*
 * The demo workspace's configuration: the three offers whose published versions make the demo's
 * IVR, in-queue and post-call decisions (lib/demo/generate.ts asks the runtime's `decide` with
 * them), the templates they send, and escalation rules above the default catch-all. Plain data:
 * the seed validates it with the same schemas as the API.
 *
 * Their holdouts are sized for the incrementality report (docs/adr/017): over the IVR offer's 90
 * days, its 50/50 pilot holds out enough callers to show its clear lift, the post-call follow-up's
 * 20 % enough to show that it has none, and the in-queue offer's 1 % so few that the report can
 * only say that it needs more data.
 */

/** The IVR offer: live from the middle of the demo period, for the call types a bot answers well; a 50/50 pilot. */
export const DEMO_IVR_OFFER = {
  point: "ivr_offer",
  dtmfKey: "2",
  holdoutPercent: 50,
  callTypes: DEMO_IVR_OFFER_CALL_TYPES,
} as const;

export const DEMO_TEMPLATES = {
  ivr: {
    name: "IVR: chat link",
    locale: "en-US",
    purpose: "deflection",
    body: "Hi {{first_name}}, it's {{company}}. Skip the wait and chat with our assistant: {{chat_link}} Reply STOP to opt out.",
  },
  inQueue: {
    name: "In queue: chat instead of waiting",
    locale: "en-US",
    purpose: "deflection",
    body: "{{company}}: your wait is about {{wait_minutes}} min. Our chat assistant can help right now, and you keep your place in the queue: {{chat_link}} Reply STOP to opt out.",
  },
  postCall: {
    name: "After the call: next time, chat",
    locale: "en-US",
    purpose: "deflection",
    body: "Thanks for calling {{company}}, {{first_name}}. Next time, get answers at any hour in our chat: {{chat_link}} Reply STOP to opt out.",
  },
} as const;

/** A later, unpublished edit of the post-call template, so the demo shows a draft waiting for review. */
export const DEMO_POST_CALL_DRAFT = {
  ...DEMO_TEMPLATES.postCall,
  body: "Thanks for calling {{company}}, {{first_name}}. Most questions like yours are answered in our chat, day and night: {{chat_link}} Reply STOP to opt out.",
};

export function demoOffers(templateIds: { ivr: string; inQueue: string; postCall: string }) {
  return [
    {
      name: "Card and transfer questions: press 2 for chat",
      point: DEMO_IVR_OFFER.point,
      enabled: true,
      prompt: "To get a link to our chat assistant by text message, press 2. To keep waiting for an agent, stay on the line.",
      dtmfKey: DEMO_IVR_OFFER.dtmfKey,
      smsTemplateId: templateIds.ivr,
      holdoutPercent: DEMO_IVR_OFFER.holdoutPercent,
      priority: 10,
      conditions: { callTypes: [...DEMO_IVR_OFFER.callTypes] },
    },
    {
      name: "Long wait: text the chat link",
      point: "in_queue",
      enabled: true,
      prompt: "Your wait is more than three minutes. Press 1 and we will text you a link to chat with our assistant now; you keep your place in the queue.",
      dtmfKey: "1",
      smsTemplateId: templateIds.inQueue,
      holdoutPercent: 1,
      priority: 20,
      conditions: { queues: DEMO_QUEUES.filter((queue) => queue !== "security"), minEstimatedWaitSeconds: 180 },
    },
    {
      name: "After the call: invite to chat next time",
      point: "post_call",
      enabled: true,
      prompt: "Before you go: press 1 and we will text you a link to our chat assistant for next time.",
      dtmfKey: "1",
      smsTemplateId: templateIds.postCall,
      holdoutPercent: 20,
      priority: 30,
      conditions: {
        queues: DEMO_QUEUES.filter((queue) => queue !== "security"),
        schedule: [{ days: ["mon", "tue", "wed", "thu", "fri"], start: "08:00", end: "18:00" }],
      },
    },
  ];
}

export const DEMO_ESCALATION_RULES = [
  {
    name: "Asks for a person",
    priority: 10,
    enabled: true,
    conditions: { keywords: ["agent", "human", "representative", "real person"] },
    action: { type: "live_agent", queue: "default" },
  },
  {
    name: "Lost, stolen or compromised card",
    priority: 20,
    enabled: true,
    conditions: { callTypes: ["lost_or_stolen_card", "compromised_card", "card_payment_not_recognised"] },
    action: { type: "phone_number", phoneNumber: "+14155550123" },
  },
  {
    name: "Frustrated after two failed answers",
    priority: 30,
    enabled: true,
    conditions: { minFailedAttempts: 2, maxSentiment: -0.4 },
    action: { type: "callback", withinMinutes: 15 },
  },
  {
    name: "Gold and platinum customers",
    priority: 40,
    enabled: true,
    conditions: { customerTiers: ["gold", "platinum"] },
    action: { type: "live_agent", queue: "priority" },
  },
  {
    name: "Out of hours: open a ticket",
    priority: 50,
    enabled: true,
    conditions: { outsideBusinessHours: true },
    action: { type: "ticket" },
  },
];
