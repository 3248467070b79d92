import type { z } from "zod";
import {
  escalationRuleSchema,
  escalationRuleUpdateSchema,
  type EscalationRuleFields,
  ivrOfferSchema,
  ivrOfferUpdateSchema,
  type IvrOfferFields,
  smsTemplateSchema,
  smsTemplateUpdateSchema,
  type SmsTemplateFields,
} from "./schemas";

/**
 * The three configuration kinds (DESIGN.md "Configuration"). One table of facts per kind, so the
 * data layer, the API routes, the server actions and the pages treat them the same way.
 */
export const CONFIG_KINDS = ["sms_template", "ivr_offer", "escalation_rule"] as const;
export type ConfigKind = (typeof CONFIG_KINDS)[number];

export interface ConfigFieldsByKind {
  sms_template: SmsTemplateFields;
  ivr_offer: IvrOfferFields;
  escalation_rule: EscalationRuleFields;
}

export type ConfigFields = ConfigFieldsByKind[ConfigKind];

interface KindInfo {
  /** "SMS template": for messages, "This SMS template …". */
  label: string;
  plural: string;
  /** The URL segment of the API and of the pages: /api/v1/{segment}, /config/{segment}. */
  segment: string;
  schema: z.ZodObject;
  updateSchema: z.ZodObject;
}

export const KIND_INFO: Record<ConfigKind, KindInfo> = {
  sms_template: {
    label: "SMS template",
    plural: "SMS templates",
    segment: "sms-templates",
    schema: smsTemplateSchema,
    updateSchema: smsTemplateUpdateSchema,
  },
  ivr_offer: {
    label: "IVR offer",
    plural: "IVR offers",
    segment: "ivr-offers",
    schema: ivrOfferSchema,
    updateSchema: ivrOfferUpdateSchema,
  },
  escalation_rule: {
    label: "escalation rule",
    plural: "escalation rules",
    segment: "escalation-rules",
    schema: escalationRuleSchema,
    updateSchema: escalationRuleUpdateSchema,
  },
};

export function isConfigKind(value: string): value is ConfigKind {
  return (CONFIG_KINDS as readonly string[]).includes(value);
}

/** The editable fields of a kind in the order DESIGN.md lists them, so answers read the same every time. */
export function fieldNames(kind: ConfigKind): string[] {
  return Object.keys(KIND_INFO[kind].schema.shape);
}

/** A copy of `data` with the kind's fields first, in their documented order (jsonb does not keep key order). */
export function orderedFields<K extends ConfigKind>(kind: K, data: Record<string, unknown>): ConfigFieldsByKind[K] {
  const ordered: Record<string, unknown> = {};
  for (const name of fieldNames(kind)) if (data[name] !== undefined) ordered[name] = data[name];
  if (isRecord(ordered.conditions)) ordered.conditions = orderKeys(ordered.conditions, CONDITION_ORDER);
  if (isRecord(ordered.action)) ordered.action = orderKeys(ordered.action, ["type", "queue", "withinMinutes", "phoneNumber"]);
  return ordered as ConfigFieldsByKind[K];
}

const CONDITION_ORDER = [
  "callTypes",
  "queues",
  "minEstimatedWaitSeconds",
  "schedule",
  "minFailedAttempts",
  "maxSentiment",
  "customerTiers",
  "keywords",
  "outsideBusinessHours",
];

function orderKeys(value: Record<string, unknown>, order: string[]): Record<string, unknown> {
  const known = order.filter((key) => key in value).map((key) => [key, value[key]] as const);
  const rest = Object.keys(value)
    .filter((key) => !order.includes(key))
    .map((key) => [key, value[key]] as const);
  return Object.fromEntries([...known, ...rest]);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
