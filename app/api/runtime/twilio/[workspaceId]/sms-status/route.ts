import { recordDeliveryStatus } from "@/db/queries/messaging";
import { ApiError } from "@/lib/api/errors";
import { smsStatusParams, smsStatusQuery } from "@/lib/telephony/schema";
import { twiml } from "@/lib/telephony/twiml";
import { twilioWebhook } from "@/lib/telephony/webhook";

/**
 * `POST /api/runtime/twilio/{workspaceId}/sms-status?message=…`: Twilio's status callback for a
 * message we gave it. `delivered` → `sms.delivered`; `failed` / `undelivered` → `sms.failed` with
 * Twilio's error code (21610, unsubscribed, also records the opt-out); the rest change nothing.
 */
export const POST = twilioWebhook({ params: smsStatusParams, query: smsStatusQuery }, async ({ db, config, params, query, now }) => {
  const outcome = await recordDeliveryStatus(db, config.workspaceId, {
    messageId: query.message,
    providerSid: params.MessageSid,
    status: params.MessageStatus,
    errorCode: params.ErrorCode,
    now,
  });
  if (outcome === "unknown_message") {
    throw new ApiError(422, "invalid", "No message of this workspace was sent with that id and MessageSid.", [{ path: "message", message: "is not a message sent as MessageSid" }]);
  }
  return twiml();
});
