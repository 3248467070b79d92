import "server-only";
import type { Db } from "@/db";
import { listConfigItems } from "@/db/queries/config";
import { listCallTypes } from "@/db/queries/workspaces";

/** What the offer and rule editors suggest and check against: call types, queues, published templates, live offers and rules. */
export async function editorData(db: Db, workspaceId: string) {
  const [callTypes, templates, offers, rules] = await Promise.all([
    listCallTypes(db, workspaceId),
    listConfigItems(db, workspaceId, "sms_template"),
    listConfigItems(db, workspaceId, "ivr_offer"),
    listConfigItems(db, workspaceId, "escalation_rule"),
  ]);
  const queues = new Set<string>(["default"]);
  for (const offer of offers) for (const queue of [...(offer.fields.conditions.queues ?? []), ...(offer.published?.conditions.queues ?? [])]) queues.add(queue);
  for (const rule of rules) for (const action of [rule.fields.action, rule.published?.action]) if (action?.type === "live_agent") queues.add(action.queue);
  return {
    callTypes: callTypes.map((callType) => ({ value: callType.slug, label: callType.name })),
    callTypeNames: Object.fromEntries(callTypes.map((callType) => [callType.slug, callType.name])),
    queues: [...queues].sort(),
    templates: templates
      .filter((template) => template.published !== null)
      .map((template) => ({ id: template.id, name: template.published!.name, body: template.published!.body, purpose: template.published!.purpose })),
    templateNames: Object.fromEntries(templates.map((template) => [template.id, template.fields.name])),
    offers,
    liveOffers: offers.filter((offer) => offer.published !== null).map((offer) => ({ id: offer.id, fields: offer.published! })),
    rules,
    liveRules: rules.filter((rule) => rule.published !== null).map((rule) => ({ id: rule.id, fields: rule.published! })),
  };
}
