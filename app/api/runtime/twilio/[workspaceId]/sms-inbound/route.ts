import { z } from "zod";
import { optIn, optOut } from "@/db/queries/messaging";
import { customerKeyFromPhone, maskPhone, normalizePhone } from "@/lib/customers/phone-key";
import { inboundIntent } from "@/lib/telephony/keywords";
import { smsInboundParams } from "@/lib/telephony/schema";
import { twiml } from "@/lib/telephony/twiml";
import { twilioWebhook } from "@/lib/telephony/webhook";

/**
 * `POST /api/runtime/twilio/{workspaceId}/sms-inbound`: a message a customer sent to our number.
 * STOP and its family (the whole message, any case) opt the number's customer out of every later
 * offer and message; START, UNSTOP and YES opt back in. The answer is an empty TwiML response:
 * Twilio (and the carriers) send the opt-out confirmation themselves.
 */
export const POST = twilioWebhook({ params: smsInboundParams, query: z.object({}) }, async ({ db, config, params, now }) => {
  const phone = normalizePhone(params.From);
  const intent = inboundIntent(params.Body);
  if (!phone || !intent) return twiml();
  const customer = customerKeyFromPhone(config.customerKeySecret, phone);
  if (intent === "opt_out") await optOut(db, config.workspaceId, { customer, maskedPhone: maskPhone(phone), source: "sms_keyword", now });
  else await optIn(db, config.workspaceId, customer);
  return twiml();
});
