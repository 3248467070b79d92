/**
 * The three configuration kinds (DESIGN.md "Configuration") and their names for people and URLs.
 * Kept apart from the schemas so that client components can use it without loading them.
 */
export const CONFIG_KINDS = ["sms_template", "ivr_offer", "escalation_rule"] as const;
export type ConfigKind = (typeof CONFIG_KINDS)[number];

export interface KindLabels {
  /** "SMS template": for messages, "This SMS template …". */
  label: string;
  plural: string;
  /** The URL segment of the API and of the pages: /api/v1/{segment}, /config/{segment}. */
  segment: string;
}

export const KIND_LABELS: Record<ConfigKind, KindLabels> = {
  sms_template: { label: "SMS template", plural: "SMS templates", segment: "sms-templates" },
  ivr_offer: { label: "IVR offer", plural: "IVR offers", segment: "ivr-offers" },
  escalation_rule: { label: "escalation rule", plural: "escalation rules", segment: "escalation-rules" },
};

export function isConfigKind(value: string): value is ConfigKind {
  return (CONFIG_KINDS as readonly string[]).includes(value);
}

export function configPath(kind: ConfigKind, id?: string): string {
  return `/config/${KIND_LABELS[kind].segment}${id ? `/${encodeURIComponent(id)}` : ""}`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
