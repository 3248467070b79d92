import type { EscalationRuleFields, IvrOfferFields, SmsTemplateFields } from "./schemas";

/** What a new item's editor starts from: a working example rather than an empty form. */

export const NEW_SMS_TEMPLATE: SmsTemplateFields = {
  name: "",
  locale: "en-US",
  purpose: "deflection",
  body: "Hi {{first_name}}, skip the wait: chat with us now at {{chat_link}}. Reply STOP to opt out.",
};

export const NEW_IVR_OFFER: IvrOfferFields = {
  name: "",
  point: "ivr_offer",
  enabled: true,
  prompt: "To get a link to our chat assistant by text message, press 2. To keep waiting for an agent, stay on the line.",
  dtmfKey: "2",
  smsTemplateId: "",
  holdoutPercent: 10,
  priority: 10,
  conditions: {},
};

export const NEW_ESCALATION_RULE: EscalationRuleFields = {
  name: "",
  priority: 100,
  enabled: true,
  conditions: { keywords: ["agent"] },
  action: { type: "live_agent", queue: "default" },
};
