import type { Db } from "@/db";
import { SYSTEM_ACTOR } from "@/db/queries/audit";
import { createConfigItem } from "@/db/queries/config";
import { ivrOfferSchema, type IvrOfferFields, smsTemplateSchema } from "@/lib/config/schemas";
import { makeApiKey, makeWorkspace } from "./factories";

/** A workspace with a published deflection template and keys with and without the runtime scope. */
export async function runtimeWorkspace(db: Db, name: string, timeZone = "UTC") {
  const workspace = await makeWorkspace(db, { name, timeZone });
  const template = await createConfigItem(
    db,
    workspace.id,
    "sms_template",
    smsTemplateSchema.parse({ name: "Chat link", locale: "en-US", purpose: "deflection", body: "Chat with us: {{chat_link}} Reply STOP to opt out" }),
    SYSTEM_ACTOR,
    { publish: true },
  );
  return {
    id: workspace.id,
    templateId: template.id,
    runtimeKey: await makeApiKey(db, workspace.id, ["runtime"]),
    otherKey: await makeApiKey(db, workspace.id, ["events:write", "metrics:read", "config:read", "config:write", "settings:write"]),
  };
}

export function offerFields(templateId: string, overrides: Partial<IvrOfferFields> = {}): IvrOfferFields {
  return ivrOfferSchema.parse({
    name: "Press 2 for chat",
    point: "ivr_offer",
    enabled: true,
    prompt: "Press 2 and we'll text you a link to our chat assistant.",
    dtmfKey: "2",
    smsTemplateId: templateId,
    holdoutPercent: 0,
    priority: 10,
    conditions: {},
    ...overrides,
  });
}

export async function publishedOffer(db: Db, workspaceId: string, templateId: string, overrides: Partial<IvrOfferFields> = {}) {
  return createConfigItem(db, workspaceId, "ivr_offer", offerFields(templateId, overrides), SYSTEM_ACTOR, { publish: true });
}

let contacts = 0;
/** A contact id never used before in this process. */
export const newContact = () => `contact-${process.pid}-${++contacts}`;
