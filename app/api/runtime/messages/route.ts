import { randomUUID } from "node:crypto";
import { getConfigItem } from "@/db/queries/config";
import { sendMessage, telephonyConfig } from "@/db/queries/messaging";
import { ApiError, notFound } from "@/lib/api/errors";
import { apiRoute, parseWith, readJson } from "@/lib/api/route";
import { customerKeyFromPhone, normalizePhone } from "@/lib/customers/phone-key";
import { unrequestedMessageSchema } from "@/lib/telephony/schema";

const refused = (path: string, message: string) => new ApiError(422, "invalid", "The request is not valid.", [{ path, message }]);

/**
 * `POST /api/runtime/messages` (docs/adr/025), an API key with scope `runtime`: sends a published
 * SMS template to a customer who did not ask for it during a call — an SMS chatbot link
 * (`sms_link`) or a post-call follow-up (`post_call`). It is itself the offer: `offer.shown` and
 * `sms.sent` are recorded when it leaves. Quiet hours hold it (the answer says until when) or,
 * after 12 hours, drop it; an opted-out customer is never sent one. The same `contactId` and
 * point get the first answer again and send nothing more.
 *
 * `{ point, to, contactId, templateId, firstName?, callType? }` → `{ messageId, journey, customer,
 * status, holdUntil }`; status is `outbox`, `sent`, `held`, `opted_out` or `failed` (with `errorCode`).
 */
export const POST = apiRoute("runtime", async ({ request, db, principal }) => {
  const body = parseWith(unrequestedMessageSchema, await readJson(request, 16 * 1024));
  const config = await telephonyConfig(db, principal.workspaceId);
  if (!config) throw notFound("workspace");
  const phone = normalizePhone(body.to);
  if (!phone) throw refused("to", "must be a phone number in international format, such as +14155550100");
  const template = await getConfigItem(db, principal.workspaceId, "sms_template", body.templateId);
  if (!template?.published) throw refused("templateId", "is not a published SMS template of this workspace");
  const customer = customerKeyFromPhone(config.customerKeySecret, phone);
  const result = await sendMessage(db, config, {
    point: body.point,
    journey: randomUUID(),
    customer,
    phone,
    requested: false,
    templateId: body.templateId,
    dedupeKey: `contact:${body.point}:${body.contactId}`,
    values: { firstName: body.firstName },
    callType: body.callType,
  });
  return {
    messageId: result.messageId,
    journey: result.journey,
    customer,
    status: result.status,
    holdUntil: result.holdUntil ? result.holdUntil.toISOString() : null,
    errorCode: result.errorCode,
  };
});
