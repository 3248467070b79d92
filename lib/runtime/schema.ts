import { z } from "zod";
import { LIMITS } from "@/lib/config/constants";
import { CALL_TYPE_SLUG, INTERVENTION_POINTS } from "@/lib/domain";
import { MAX_FUTURE_MS } from "@/lib/events/schema";
import type { EscalationSituation } from "@/lib/config/escalation";
import type { DecisionRequest } from "./decide";
import { isStorableText } from "@/lib/domain/text";

/*
 * The bodies of the runtime endpoints (DESIGN.md "Runtime"), the only place their input is
 * trusted. Unknown keys are dropped: a platform may send more than we read.
 */


function key(what: string) {
  return z
    .string({ error: `${what} must be text` })
    .min(1, `${what} must not be empty`)
    .max(128, `${what} must be at most 128 characters`)
    .refine(isStorableText, `${what} must not contain NUL characters or unpaired surrogates`);
}

const callType = z.string({ error: "callType must be text" }).regex(CALL_TYPE_SLUG, "callType must be a slug of a-z, 0-9 and _ (1 to 64 characters)");

/** RFC 3339 with an offset, not more than 1 hour in the future (the rule events follow). */
function instant(now: () => number) {
  return z.iso
    .datetime({ offset: true, error: "at must be an RFC 3339 date-time with an offset, for example 2026-12-07T14:30:00Z" })
    .transform((text) => new Date(text))
    .refine((at) => !Number.isNaN(at.getTime()), "at is not a valid date")
    .refine((at) => at.getTime() <= now() + MAX_FUTURE_MS, "at must not be more than 1 hour in the future");
}

/** `POST /api/v1/decide`: `{ point, customer, contactId, callType?, queue?, estimatedWaitSeconds?, at? }`; `at` defaults to now. */
export function decisionRequestSchema(now: () => number = Date.now) {
  return z
    .object({
      point: z.enum(INTERVENTION_POINTS, { error: `point must be one of ${INTERVENTION_POINTS.join(", ")}` }),
      customer: key("customer"),
      contactId: key("contactId"),
      callType: callType.optional(),
      queue: z
        .string({ error: "queue must be text" })
        .trim()
        .min(1, "queue must not be empty")
        .max(LIMITS.label, `queue must be at most ${LIMITS.label} characters`)
        .refine(isStorableText, "queue must not contain NUL characters or unpaired surrogates")
        .optional(),
      estimatedWaitSeconds: z
        .number({ error: "estimatedWaitSeconds must be a number of seconds" })
        .min(0, "estimatedWaitSeconds must be 0 or more")
        .max(LIMITS.estimatedWaitSeconds, `estimatedWaitSeconds must be at most ${LIMITS.estimatedWaitSeconds}`)
        .optional(),
      at: instant(now).optional(),
    })
    .transform(({ at, ...rest }): DecisionRequest => ({ ...rest, at: at ?? new Date(now()) }));
}

/** `POST /api/v1/escalate`: what the bot knows about the conversation; `at` defaults to now. */
export function escalationRequestSchema(now: () => number = Date.now) {
  return z
    .object({
      callType: callType.optional(),
      failedAttempts: z
        .number({ error: "failedAttempts must be a whole number" })
        .int("failedAttempts must be a whole number")
        .min(0, "failedAttempts must be 0 or more")
        .max(1_000, "failedAttempts must be at most 1000")
        .optional(),
      sentiment: z
        .number({ error: "sentiment must be a number from -1 to 1" })
        .min(-1, "sentiment must be between -1 and 1")
        .max(1, "sentiment must be between -1 and 1")
        .optional(),
      customerTier: z.string({ error: "customerTier must be text" }).max(LIMITS.label, `customerTier must be at most ${LIMITS.label} characters`).optional(),
      message: z.string({ error: "message must be text" }).max(4_000, "message must be at most 4000 characters").optional(),
      at: instant(now).optional(),
    })
    .transform(({ at, ...rest }): EscalationSituation => ({ ...rest, at: at ?? new Date(now()) }));
}
