import { z } from "zod";
import { LIMITS } from "@/lib/config/constants";
import { CALL_TYPE_SLUG } from "@/lib/domain";
import type { FormParams } from "./twilio-signature";

/*
 * What the Twilio webhooks read of a request (docs/adr/025), the only place it is trusted. They are
 * checked only after the signature: an unsigned request is refused (403) before any of this runs.
 * Twilio sends many more parameters than these; the rest are ignored, but every one of them is
 * covered by the signature.
 */

/** The points a call can be offered at: the three IVR offer points (DESIGN.md "Configuration"). */
export const VOICE_POINTS = ["ivr_offer", "in_queue", "post_call"] as const;
export type VoicePoint = (typeof VOICE_POINTS)[number];

/**
 * A form's parameters as an object; a name that comes more than once holds an array, which the
 * schemas below refuse where they expect one value (rather than guess which one counts).
 */
export function formObject(params: FormParams): Record<string, string | string[]> {
  const object: Record<string, string | string[]> = {};
  for (const [name, value] of params) {
    const existing = object[name];
    if (existing === undefined) object[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else object[name] = [existing, value];
  }
  return object;
}

const SID = /^[A-Za-z]{2}[A-Za-z0-9]{1,62}$/;
const sid = (name: string) => z.string({ error: `${name} is required` }).regex(SID, `${name} must be a Twilio SID`);

/** Any text Twilio puts in From: a number, "anonymous", "client:…", "sip:…"; checked as a number later. */
const party = (name: string) => z.string({ error: `${name} is required` }).min(1, `${name} must not be empty`).max(256, `${name} is too long`);

const digits = z
  .string()
  .regex(/^[0-9*#]{0,32}$/, "Digits must be keys of a phone keypad")
  .optional();

export const voiceParams = z.object({ CallSid: sid("CallSid"), From: party("From") });

export const voiceQuery = z.object({
  point: z.enum(VOICE_POINTS, { error: `point must be one of ${VOICE_POINTS.join(", ")}` }).default("ivr_offer"),
  callType: z.string().regex(CALL_TYPE_SLUG, "callType must be a slug of a-z, 0-9 and _").optional(),
  queue: z.string().trim().min(1).max(LIMITS.label, `queue must be at most ${LIMITS.label} characters`).optional(),
  wait: z.coerce
    .number({ error: "wait must be a number of seconds" })
    .int("wait must be whole seconds")
    .min(0, "wait must be 0 or more")
    .max(LIMITS.estimatedWaitSeconds, `wait must be at most ${LIMITS.estimatedWaitSeconds}`)
    .optional(),
});

export const gatherParams = z.object({ CallSid: sid("CallSid"), From: party("From"), Digits: digits });

const uuidLike = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, "must be an id Switchboard gave");

export const gatherQuery = z.object({
  decision: uuidLike,
  wait: voiceQuery.shape.wait,
});

/** Twilio's MessageStatus values; delivered and the two failures become events, the others only a status. */
export const MESSAGE_STATUSES = ["accepted", "scheduled", "canceled", "queued", "sending", "sent", "failed", "delivered", "undelivered", "receiving", "received", "read"] as const;

export const smsStatusParams = z.object({
  MessageSid: sid("MessageSid"),
  MessageStatus: z.enum(MESSAGE_STATUSES, { error: "MessageStatus is not one Twilio sends" }),
  ErrorCode: z.string().regex(/^\d{1,6}$/, "ErrorCode must be a number").optional(),
});

export const smsStatusQuery = z.object({ message: uuidLike });

export const smsInboundParams = z.object({
  MessageSid: sid("MessageSid"),
  From: party("From"),
  Body: z.string().max(10_000, "Body is too long").default(""),
});

/** Postgres text cannot hold U+0000 and jsonb refuses lone surrogates. */
const storable = (value: string) => !value.includes("\u0000") && value.isWellFormed();

/**
 * `POST /api/runtime/messages`: an SMS nobody asked for during a call (an SMS chatbot link, a
 * post-call follow-up). Quiet hours apply to it; `contactId` makes a retry send nothing more.
 */
export const unrequestedMessageSchema = z.object({
  point: z.enum(["sms_link", "post_call"], { error: "point must be sms_link or post_call" }),
  to: z.string({ error: "to must be a phone number" }).max(64, "to must be a phone number"),
  contactId: z
    .string({ error: "contactId must be text" })
    .min(1, "contactId must not be empty")
    .max(LIMITS.id, `contactId must be at most ${LIMITS.id} characters`)
    .refine(storable, "contactId must not contain NUL characters or unpaired surrogates"),
  templateId: z.string({ error: "templateId must be the id of a published SMS template" }).min(1).max(LIMITS.id),
  firstName: z.string().trim().min(1).max(40, "firstName must be at most 40 characters").refine(storable, "firstName must be plain text").optional(),
  callType: z.string().regex(CALL_TYPE_SLUG, "callType must be a slug of a-z, 0-9 and _").optional(),
});
