import { createHmac } from "node:crypto";
import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js";

/*
 * A phone number becomes the opaque `customer` key of events (DESIGN.md "Events", docs/adr/025):
 * `p_` + the first 22 characters of base64url(HMAC-SHA256(the workspace's customer-key secret,
 * the E.164 number)). The runtime (the `From` of a call or message) and imports derive it the
 * same way, so one caller is one customer everywhere, and the number itself is never stored.
 * 22 base64url characters are 132 bits: collisions between a workspace's customers are out of
 * reach, and without the secret the key says nothing about the number.
 */

/** Longer input is no phone number; libphonenumber would cut it at 250 characters anyway. */
const MAX_INPUT = 64;

/**
 * The E.164 form of a phone number ("+14155550100"), or null when it is not a possible number.
 * Written with a leading `+` it needs no country; national formats ("(415) 555-0100") need
 * `defaultCountry`. "Possible" (the length fits the country) rather than "valid" (the number is
 * assigned in today's numbering plan): the key must not change when the plan's metadata does.
 */
export function normalizePhone(raw: string, defaultCountry?: CountryCode): string | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX_INPUT) return null;
  const parsed = parsePhoneNumberFromString(raw, defaultCountry);
  return parsed && parsed.isPossible() ? parsed.number : null;
}

/** `p_` + 22 characters of base64url HMAC-SHA256: the customer key of an E.164 number. */
export function customerKeyFromPhone(secret: string, e164: string): string {
  return `p_${createHmac("sha256", secret).update(e164, "utf8").digest("base64url").slice(0, 22)}`;
}

/** Whether a customer key has the shape customerKeyFromPhone gives. */
export const PHONE_CUSTOMER_KEY = /^p_[A-Za-z0-9_-]{22}$/;

const BULLETS = "•••";

/**
 * A number as people may see it in lists: the country code, the first digits of the national
 * number (area code) and the last four, "+1 415 ••• 0100". At least three digits are always
 * hidden: a short national number shows fewer digits at either end.
 */
export function maskPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  const country = parsed?.countryCallingCode ?? "";
  const national = parsed ? String(parsed.nationalNumber) : e164.replace(/\D/g, "");
  const tail = national.length >= 8 ? 4 : Math.max(0, Math.min(2, national.length - 3));
  const head = Math.max(0, Math.min(3, national.length - tail - 3));
  const parts = [country ? `+${country}` : "", national.slice(0, head), BULLETS, tail > 0 ? national.slice(-tail) : ""];
  return parts.filter(Boolean).join(" ");
}
