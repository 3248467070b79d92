import { findDecision, recordEvents, sendMessage } from "@/db/queries/messaging";
import { ApiError } from "@/lib/api/errors";
import { customerKeyFromPhone, normalizePhone } from "@/lib/customers/phone-key";
import { CHANNEL_OF_POINT } from "@/lib/runtime/decide";
import { isoUtc } from "@/lib/domain/time";
import { gatherParams, gatherQuery } from "@/lib/telephony/schema";
import { hangup, say, twiml } from "@/lib/telephony/twiml";
import { twilioWebhook } from "@/lib/telephony/webhook";

const SENT = "Thank you. We have sent you a text message with a link to our chat assistant. Goodbye.";
const NOT_SENT = "Sorry, we could not send the text message. Please stay on the line.";

/**
 * `POST /api/runtime/twilio/{workspaceId}/gather?decision=…`: the key the caller pressed after the
 * offer. The offer's key → `offer.accepted`, the SMS (sent at once: the caller asked for it),
 * a short confirmation and the end of the call; another key or none → `offer.declined` and on to
 * the fallback. Only the call the decision was made for may answer it.
 */
export const POST = twilioWebhook({ params: gatherParams, query: gatherQuery, keepCallGoing: true }, async ({ db, config, params, query, now, fallback }) => {
  const decision = await findDecision(db, config.workspaceId, query.decision);
  const phone = normalizePhone(params.From);
  const customer = phone ? customerKeyFromPhone(config.customerKeySecret, phone) : null;
  if (!decision || decision.answer.offer !== "true" || decision.contactId !== params.CallSid || decision.customer !== customer) {
    throw new ApiError(422, "invalid", "No offer was made to this call with that decision id.", [{ path: "decision", message: "is not an offer made to this call" }]);
  }
  const accepted = params.Digits !== undefined && params.Digits === decision.answer.dtmfKey;
  const facts = { customer: decision.customer, journey: decision.journey, point: decision.point, channel: CHANNEL_OF_POINT[decision.point] };
  await recordEvents(
    db,
    config.workspaceId,
    [
      {
        id: `${decision.decisionId}:${accepted ? "accepted" : "declined"}`,
        type: accepted ? "offer.accepted" : "offer.declined",
        occurredAt: isoUtc(now.getTime()),
        ...facts,
        attributes: { decisionId: decision.decisionId, offerId: decision.answer.offerId, ...(params.Digits ? { digits: params.Digits } : {}) },
      },
    ],
    now,
  );
  if (!accepted) return twiml(...fallback);
  const sent = await sendMessage(
    db,
    config,
    {
      point: decision.point,
      journey: decision.journey,
      customer: decision.customer,
      phone: phone!,
      requested: true,
      templateId: decision.answer.smsTemplateId,
      dedupeKey: `decision:${decision.decisionId}`,
      values: { waitSeconds: query.wait },
    },
    { now },
  );
  if (sent.status === "sent" || sent.status === "outbox" || sent.status === "delivered") return twiml(say(SENT), hangup());
  return twiml(say(NOT_SENT), ...fallback);
});
