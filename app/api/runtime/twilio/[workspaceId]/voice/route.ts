import { scheduleDerivation } from "@/db/queries/background";
import { decideAndRecord } from "@/db/queries/runtime";
import { customerKeyFromPhone, normalizePhone } from "@/lib/customers/phone-key";
import { voiceParams, voiceQuery } from "@/lib/telephony/schema";
import { gather, say, twiml } from "@/lib/telephony/twiml";
import { twilioWebhook } from "@/lib/telephony/webhook";

/**
 * `POST /api/runtime/twilio/{workspaceId}/voice` (DESIGN.md "Telephony and messaging"): Twilio
 * asks what to do with a call. The caller's number becomes the customer key by HMAC, and the
 * decision is the one `POST /api/v1/decide` makes (decideAndRecord: the same code, the same
 * stored decision and event). Offered → the prompt inside a one-key Gather that posts to
 * `gather`; anything else → on to the fallback URL. The query may say `point` (default
 * ivr_offer), `callType`, `queue` and `wait` (estimated seconds) for the offer's conditions.
 */
export const POST = twilioWebhook({ params: voiceParams, query: voiceQuery, keepCallGoing: true }, async ({ db, config, params, query, now, fallback }) => {
  const phone = normalizePhone(params.From);
  // A withheld or non-phone caller ("anonymous", "client:…") cannot be texted: nothing to offer.
  if (!phone) return twiml(...fallback);
  const recorded = await decideAndRecord(db, config.workspaceId, {
    point: query.point,
    customer: customerKeyFromPhone(config.customerKeySecret, phone),
    contactId: params.CallSid,
    callType: query.callType,
    queue: query.queue,
    estimatedWaitSeconds: query.wait,
    at: now,
  });
  if (!recorded) return twiml(...fallback);
  if (recorded.events > 0) scheduleDerivation(db, config.workspaceId);
  const { answer } = recorded;
  if (answer.offer !== "true") return twiml(...fallback);
  const action = new URL(`${config.publicUrl}/api/runtime/twilio/${encodeURIComponent(config.workspaceId)}/gather`);
  action.searchParams.set("decision", answer.decisionId);
  if (query.wait !== undefined) action.searchParams.set("wait", String(query.wait));
  return twiml(gather({ action: action.toString() }, say(answer.prompt)), ...fallback);
});
