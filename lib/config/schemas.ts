import { isValidPhoneNumber } from "libphonenumber-js";
import { z } from "zod";
import { CALL_TYPE_SLUG } from "@/lib/domain";
import { countSegments, MAX_SEGMENTS } from "@/lib/sms/segments";
import { hasOptOutWording, renderTemplate, TEMPLATE_VARIABLES, variablesIn, WORST_CASE_VALUES } from "@/lib/sms/template";
import { DTMF_KEYS, ESCALATION_ACTION_TYPES, LIMITS, OFFER_POINTS, SMS_TEMPLATE_PURPOSES } from "./constants";
import { clockMinutes, WEEKDAYS } from "./ivr";
import { isStorableText } from "@/lib/domain/text";

export { DTMF_KEYS, ESCALATION_ACTION_TYPES, LIMITS, OFFER_POINTS, SMS_TEMPLATE_PURPOSES };

/**
 * The editable fields of the three configuration kinds (DESIGN.md "JSON shapes"), shared by the
 * REST API and the server actions. Bodies are JSON, so numbers are numbers: a form must send JSON,
 * not FormData strings. Top-level unknown keys are dropped (a GET answer can be sent back as is);
 * unknown keys inside `conditions` are refused, so a misspelt condition is not silently ignored.
 */


const UNSTORABLE = "must not contain NUL characters or broken emoji (unpaired surrogates)";

function requiredText(what: string, max: number) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `Enter ${what}` : `${capitalize(what)} must be text`) })
    .trim()
    .min(1, { error: `Enter ${what}`, abort: true })
    .max(max, { error: `Keep ${what} to ${max} characters or fewer`, abort: true })
    .refine(isStorableText, `${capitalize(what)} ${UNSTORABLE}`);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function wholeNumber(what: string, min: number, max: number) {
  return z
    .number({ error: (issue) => (issue.input === undefined ? `Enter ${what}` : `${capitalize(what)} must be a number`) })
    .int(`${capitalize(what)} must be a whole number`)
    .min(min, `${capitalize(what)} must be at least ${min}`)
    .max(max, `${capitalize(what)} must be at most ${max}`);
}

function flag(what: string) {
  return z.boolean({ error: `${capitalize(what)} must be true or false` });
}

/** A non-empty list without repeats: an empty list would be ambiguous (nothing, or everything?). */
function distinctList<T extends z.ZodType<string>>(item: T, what: string, max: number, sameItem = (value: string) => value) {
  return z
    .array(item, { error: `${capitalize(what)} must be a list` })
    .min(1, `List at least one ${what.replace(/s$/, "")}, or leave the condition out to match all ${what}`)
    .max(max, `List at most ${max} ${what}`)
    .refine((list) => new Set(list.map(sameItem)).size === list.length, `List each of the ${what} only once`);
}

const callTypeSlug = z
  .string({ error: "Call types must be text" })
  .regex(CALL_TYPE_SLUG, "Call types are slugs of a-z, 0-9 and _ (1 to 64 characters), for example card_arrival");

const priority = wholeNumber("the priority", 0, LIMITS.priority);

// ——— SMS templates ———

const locale = requiredText("the locale", LIMITS.locale)
  .refine(isLocale, "Enter the locale as a language tag, for example en-US or fr-CA")
  .transform((tag) => Intl.getCanonicalLocales(tag)[0]);

function isLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

const KNOWN_VARIABLES = TEMPLATE_VARIABLES.map((name) => `{{${name}}}`).join(", ");

function unknownVariableMessage(name: string): string {
  if (name === "") return `The body has an empty {{ }}. Put one of ${KNOWN_VARIABLES} between the braces, or remove them.`;
  return `{{${name}}} is not a variable. Use only ${KNOWN_VARIABLES}.`;
}

export const smsTemplateSchema = z
  .object({
    name: requiredText("a name", LIMITS.name),
    locale,
    purpose: z.enum(SMS_TEMPLATE_PURPOSES, { error: 'Choose the purpose: "deflection" or "other"' }),
    // The length first, aborting: an over-long body must not reach the checks below, which
    // render and count it (issue 11: a 2,400-character body once reached them).
    body: z
      .string({ error: "Enter the message body" })
      .max(LIMITS.body, { error: `Keep the body to ${LIMITS.body} characters or fewer`, abort: true })
      .refine((body) => body.trim().length > 0, { error: "Enter the message body", abort: true })
      .refine(isStorableText, `The body ${UNSTORABLE}`),
  })
  .superRefine((template, ctx) => {
    if (template.body.length > LIMITS.body) return;
    const issue = (message: string) => ctx.addIssue({ code: "custom", path: ["body"], message });
    const names = variablesIn(template.body);

    for (const name of names) if (!(TEMPLATE_VARIABLES as readonly string[]).includes(name)) issue(unknownVariableMessage(name));

    if (template.purpose === "deflection") {
      if (!names.includes("chat_link")) issue("Deflection templates must include {{chat_link}} so the customer can reach the chat");
      if (!hasOptOutWording(template.body)) {
        issue('Deflection templates must tell the customer how to opt out, for example "Reply STOP to opt out"');
      }
    }

    // Judged on the longest values a customer could bring (WORST_CASE_VALUES), not on the
    // preview's samples, so a template that passes stays within the limit for every customer.
    const worstCase = countSegments(renderTemplate(template.body, WORST_CASE_VALUES).text);
    if (worstCase.segments > MAX_SEGMENTS) {
      issue(
        `With long values filled in (a long customer name with letters outside the GSM alphabet, a long chat link) ` +
          `this message needs ${worstCase.segments} SMS segments; the limit is ${MAX_SEGMENTS}. Shorten the body.`,
      );
    }
  });

export type SmsTemplateFields = z.output<typeof smsTemplateSchema>;

/** `POST /api/v1/sms-templates/preview`: `{ body, vars? }`. Values for unknown variables are dropped. */
export const smsPreviewRequestSchema = z.object({
  body: z
    .string({ error: "Enter the message body" })
    .max(LIMITS.body, { error: `Keep the body to ${LIMITS.body} characters or fewer`, abort: true })
    .refine(isStorableText, `The body ${UNSTORABLE}`),
  vars: z
    .object(
      Object.fromEntries(
        TEMPLATE_VARIABLES.map((name) => [
          name,
          z.string({ error: `The value of ${name} must be text` }).max(LIMITS.previewValue, `Keep the value of ${name} to ${LIMITS.previewValue} characters or fewer`).optional(),
        ]),
      ) as Record<(typeof TEMPLATE_VARIABLES)[number], z.ZodOptional<z.ZodString>>,
    )
    .optional(),
});

export type SmsPreviewRequest = z.output<typeof smsPreviewRequestSchema>;

// ——— IVR offers ———

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

const scheduleWindow = z
  .object({
    days: z
      .array(z.enum(WEEKDAYS, { error: `Days are ${WEEKDAYS.join(", ")}` }), { error: "Days must be a list" })
      .min(1, "Choose at least one day")
      .max(7, "A week has seven days")
      .refine((days) => new Set(days).size === days.length, "List each day only once"),
    start: z.string({ error: "Enter a start time" }).regex(CLOCK, "Enter the start time as HH:MM, for example 09:00"),
    end: z
      .string({ error: "Enter an end time" })
      .refine((clock) => CLOCK.test(clock) || clock === "24:00", "Enter the end time as HH:MM, for example 17:00, or 24:00 for midnight"),
  })
  .superRefine((window, ctx) => {
    const valid = CLOCK.test(window.start) && (CLOCK.test(window.end) || window.end === "24:00");
    if (valid && clockMinutes(window.start) >= clockMinutes(window.end)) {
      ctx.addIssue({
        code: "custom",
        path: ["end"],
        message: "The end time must be after the start time. For hours past midnight, add a second window on the next day.",
      });
    }
  });

const schedule = z
  .array(scheduleWindow, { error: "The schedule must be a list of windows" })
  .min(1, "Add at least one window, or leave the schedule out to make the offer at any time")
  .max(LIMITS.scheduleWindows, `Use at most ${LIMITS.scheduleWindows} schedule windows`);

function conditionsObject<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? `Unknown condition: ${issue.keys.join(", ")}` : "Conditions must be an object",
  });
}

const offerConditions = conditionsObject({
  callTypes: distinctList(callTypeSlug, "call types", LIMITS.listItems).optional(),
  queues: distinctList(requiredText("a queue", LIMITS.label), "queues", LIMITS.listItems).optional(),
  minEstimatedWaitSeconds: wholeNumber("the minimum estimated wait (seconds)", 0, LIMITS.estimatedWaitSeconds).optional(),
  schedule: schedule.optional(),
});

export const ivrOfferSchema = z.object({
  name: requiredText("a name", LIMITS.name),
  point: z.enum(OFFER_POINTS, { error: "Offers can be made at ivr_offer, in_queue or post_call" }),
  enabled: flag("enabled"),
  prompt: requiredText("the prompt", LIMITS.prompt),
  dtmfKey: z.enum(DTMF_KEYS, { error: "Choose a key: 0 to 9, * or #" }),
  smsTemplateId: requiredText("the SMS template", LIMITS.id),
  /** Whole percent, so a caller's share can be drawn from 100 buckets. */
  holdoutPercent: wholeNumber("the holdout percent", 0, LIMITS.holdoutPercent),
  priority,
  conditions: offerConditions.default({}),
});

export type IvrOfferFields = z.output<typeof ivrOfferSchema>;
export type OfferConditions = IvrOfferFields["conditions"];

// ——— Escalation rules ———

const E164 = /^\+[1-9]\d{1,14}$/;

const phoneNumber = z
  .string({ error: "Enter the phone number to transfer to" })
  .trim()
  .regex(E164, { error: "Enter the phone number in international E.164 format, with no spaces: for example +14155552671", abort: true })
  .refine((number) => isValidPhoneNumber(number), "This is not a valid phone number for its country code");

const escalationAction = z.discriminatedUnion(
  "type",
  [
    z.object({ type: z.literal("live_agent"), queue: requiredText("the queue the customer is sent to", LIMITS.label) }),
    z.object({
      type: z.literal("callback"),
      withinMinutes: wholeNumber("the callback time (minutes)", 1, LIMITS.callbackMinutes),
    }),
    z.object({ type: z.literal("phone_number"), phoneNumber }),
    z.object({ type: z.literal("ticket") }),
  ],
  { error: "Choose what happens: live_agent, callback, phone_number or ticket" },
);

export type EscalationAction = z.output<typeof escalationAction>;

const escalationConditions = conditionsObject({
  callTypes: distinctList(callTypeSlug, "call types", LIMITS.listItems).optional(),
  // At least 1: "at least 0 failed attempts" would match every conversation while not looking like a catch-all.
  minFailedAttempts: wholeNumber("the number of failed bot attempts", 1, LIMITS.failedAttempts).optional(),
  maxSentiment: z
    .number({ error: "The sentiment must be a number from -1 (very negative) to 1 (very positive)" })
    .min(-1, "The sentiment must be between -1 and 1")
    .max(1, "The sentiment must be between -1 and 1")
    .optional(),
  customerTiers: distinctList(requiredText("a customer tier", LIMITS.label), "customer tiers", LIMITS.listItems, (tier) => tier.toLowerCase()).optional(),
  keywords: distinctList(requiredText("a keyword", LIMITS.label), "keywords", LIMITS.keywords, (keyword) => keyword.toLowerCase()).optional(),
  /** true: only outside business hours. false is the same as leaving it out. */
  outsideBusinessHours: flag("outside business hours").optional(),
});

export const escalationRuleSchema = z.object({
  name: requiredText("a name", LIMITS.name),
  priority,
  enabled: flag("enabled"),
  conditions: escalationConditions.default({}),
  action: escalationAction,
});

export type EscalationRuleFields = z.output<typeof escalationRuleSchema>;
export type EscalationConditions = EscalationRuleFields["conditions"];

// ——— Updates ———

/** Sent back by clients that PUT what they got from a GET; ignored, never an error. */
export const READ_ONLY_FIELDS = ["id", "status", "publishedVersion", "updatedAt", "updatedBy"] as const;

const version = wholeNumber("the version you edited", 1, Number.MAX_SAFE_INTEGER);

/**
 * `PUT …/{id}` carries `{ version, …fields }`: the version it edits (409 when stale) and the whole
 * set of editable fields. Read-only fields are dropped with any other unknown top-level key.
 */
export function fieldsForUpdate<Fields extends z.ZodObject>(schema: Fields) {
  return schema.safeExtend({ version });
}

export const smsTemplateUpdateSchema = fieldsForUpdate(smsTemplateSchema);
export const ivrOfferUpdateSchema = fieldsForUpdate(ivrOfferSchema);
export const escalationRuleUpdateSchema = fieldsForUpdate(escalationRuleSchema);

export type SmsTemplateUpdate = z.output<typeof smsTemplateUpdateSchema>;
export type IvrOfferUpdate = z.output<typeof ivrOfferUpdateSchema>;
export type EscalationRuleUpdate = z.output<typeof escalationRuleUpdateSchema>;
