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
import { type ConfigKind, KIND_LABELS, type KindLabels } from "./labels";

export { CONFIG_KINDS, type ConfigKind, isConfigKind } from "./labels";

/**
 * One table of facts per configuration kind, so the data layer, the API routes, the server
 * actions and the pages treat the three kinds the same way.
 */

export interface ConfigFieldsByKind {
  sms_template: SmsTemplateFields;
  ivr_offer: IvrOfferFields;
  escalation_rule: EscalationRuleFields;
}

export type ConfigFields = ConfigFieldsByKind[ConfigKind];

interface KindInfo extends KindLabels {
  schema: z.ZodObject;
  updateSchema: z.ZodObject;
}

export const KIND_INFO: Record<ConfigKind, KindInfo> = {
  sms_template: {
    ...KIND_LABELS.sms_template,
    schema: smsTemplateSchema,
    updateSchema: smsTemplateUpdateSchema,
  },
  ivr_offer: {
    ...KIND_LABELS.ivr_offer,
    schema: ivrOfferSchema,
    updateSchema: ivrOfferUpdateSchema,
  },
  escalation_rule: {
    ...KIND_LABELS.escalation_rule,
    schema: escalationRuleSchema,
    updateSchema: escalationRuleUpdateSchema,
  },
};

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
