import { z } from "zod";
import { normalizePhone } from "@/lib/customers/phone-key";
import { TELEPHONY_FORM_MARKER } from "./form-marker";

/*
 * The workspace settings of telephony and messaging (DESIGN.md "Telephony and messaging",
 * docs/adr/025), as `PATCH /api/v1/settings` and the settings page take them (lib/settings/schema.ts
 * spreads these fields into the settings patch). Every field is nullable: null clears it.
 */

export const SMS_PROVIDERS = ["outbox", "twilio"] as const;
export type SmsProviderName = (typeof SMS_PROVIDERS)[number];

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

function httpUrlProblem(value: string, { bare }: { bare: boolean }): string | null {
  if (!URL.canParse(value)) return "must be an absolute URL such as https://switchboard.example.com";
  const url = new URL(value);
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must start with https:// (or http:// for a test set-up)";
  if (url.username || url.password) return "must not hold a user name or password";
  if (bare && (url.search || url.hash)) return "must not have a query string or fragment";
  return null;
}

const httpUrl = (bare: boolean) =>
  z
    .string({ error: "must be a URL" })
    .trim()
    .max(2_000, "must be at most 2000 characters")
    .superRefine((value, ctx) => {
      const problem = httpUrlProblem(value, { bare });
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    // Stored as written, without the trailing slash a path is joined to.
    .transform((value) => (bare ? value.replace(/\/+$/, "") : value));

/** A sender: an E.164 number (any common writing of one, stored as E.164) or a Messaging Service SID. */
const sender = z
  .string({ error: "must be a phone number or a Messaging Service SID" })
  .trim()
  .max(64, "must be a phone number or a Messaging Service SID")
  .transform((value, ctx) => {
    if (/^MG[0-9a-fA-F]{32}$/.test(value)) return value;
    const e164 = value.startsWith("+") ? normalizePhone(value) : null;
    if (!e164) {
      ctx.addIssue({ code: "custom", message: "must be a number in international format, such as +14155550100, or a Messaging Service SID (MG…)" });
      return z.NEVER;
    }
    return e164;
  });

export const quietHoursSchema = z
  .object({
    start: z.string({ error: "Enter a start time" }).regex(CLOCK, "Enter the start time as HH:MM, for example 21:00"),
    end: z.string({ error: "Enter an end time" }).regex(CLOCK, "Enter the end time as HH:MM, for example 08:00"),
  })
  .strict()
  .refine((hours) => hours.start !== hours.end, { message: "Quiet hours must start and end at different times", path: ["end"] });

export const telephonySettingsFields = {
  smsProvider: z.enum(SMS_PROVIDERS, { error: `must be one of ${SMS_PROVIDERS.join(", ")}` }),
  /** How Twilio reaches the app; request signatures are checked against it. */
  publicUrl: httpUrl(true).nullable(),
  /** Where a chat link leads, with sb_journey and sb_token added to its query. */
  chatUrl: httpUrl(false).nullable(),
  twilioAccountSid: z.string().trim().regex(/^AC[0-9a-fA-F]{32}$/, "must be a Twilio Account SID: AC and 32 hexadecimal digits").nullable(),
  /** Write-only: stored, never shown or returned again. */
  twilioAuthToken: z.string().trim().regex(/^[A-Za-z0-9]{16,128}$/, "must be the auth token as Twilio shows it (letters and digits)").nullable(),
  smsFrom: sender.nullable(),
  quietHours: quietHoursSchema.nullable(),
  /** TwiML the call goes on to when nothing is offered (or the caller declines). */
  fallbackUrl: httpUrl(false).nullable(),
};

/** The telephony settings as they may be shown: the auth token only as set or not set. */
export interface TelephonySettings {
  smsProvider: SmsProviderName;
  publicUrl: string | null;
  chatUrl: string | null;
  twilioAccountSid: string | null;
  twilioAuthTokenSet: boolean;
  smsFrom: string | null;
  quietHours: { start: string; end: string } | null;
  fallbackUrl: string | null;
}

// The form's marker lives in a module of its own: the settings form imports it there, without
// this module's node:crypto (lib/customers/phone-key.ts), which the browser would get as a polyfill.
export { TELEPHONY_FORM_MARKER };

/**
 * The telephony fields of a settings form, as the settings patch takes them: an empty text field
 * clears its setting (null); the auth token field left empty keeps the token, and only the
 * "remove" box clears it; quiet hours are null when their box is not ticked. A form without the
 * marker field changes none of them.
 */
export function telephonyFormPatch(form: Record<string, unknown>): Record<string, unknown> {
  if (form[TELEPHONY_FORM_MARKER] !== "1") return {};
  const text = (name: string) => (typeof form[name] === "string" ? (form[name] as string).trim() : "");
  const orNull = (name: string) => text(name) || null;
  return {
    smsProvider: text("smsProvider"),
    publicUrl: orNull("publicUrl"),
    chatUrl: orNull("chatUrl"),
    fallbackUrl: orNull("fallbackUrl"),
    twilioAccountSid: orNull("twilioAccountSid"),
    smsFrom: orNull("smsFrom"),
    twilioAuthToken: form.removeTwilioAuthToken === "on" ? null : text("twilioAuthToken") || undefined,
    quietHours: form.quietHoursEnabled === "on" ? { start: text("quietHoursStart"), end: text("quietHoursEnd") } : null,
  };
}
