import { parsePhoneNumberFromString } from "libphonenumber-js";

/*
 * Phone numbers and e-mail addresses are personal data that Switchboard never stores (DESIGN.md
 * "Events": `customer` is an opaque key; `customerPhone` is keyed by the server and dropped).
 * These checks run in the browser (the import) and on the server (every event's attributes), so
 * they use nothing of Node's. They judge a whole value, not words inside free text: an utterance
 * such as "call me on +44 …" is the customer's own words and is kept.
 */

/** Longer than any written phone number or address worth recognising; longer values are text. */
const MAX_LENGTH = 254;

// `tel:` URIs (Genesys writes ANI so), international (`+44 20 7946 0958`, `+1-415-555-0100`) and
// North American national writings (`(415) 555-0100`, `415-555-0100`, `415.555.0100`).
const INTERNATIONAL = /^(?:tel:)?\+\d[\d\s().-]{6,24}$/i;
const NANP = /^(?:\(\d{3}\)\s?|\d{3}[-.\s])\d{3}[-.\s]\d{4}$/;
const EMAIL = /^(?:mailto:)?[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;

export type PersonalDataKind = "phone" | "email";

/** "phone" or "email" when the whole value is written like one, else null. */
export function personalDataKind(value: string): PersonalDataKind | null {
  if (value.length < 7 || value.length > MAX_LENGTH) return null;
  const first = value.charCodeAt(0);
  // Cheap exits first: this runs on every string attribute of every event ingested.
  if (first === 43 /* + */ || first === 40 /* ( */ || first === 116 /* t */ || first === 84 /* T */ || (first >= 48 && first <= 57)) {
    const trimmed = value.trim();
    if (INTERNATIONAL.test(trimmed) || NANP.test(trimmed)) return "phone";
  }
  return value.includes("@") && EMAIL.test(value.trim()) ? "email" : null;
}

/** What to tell someone who sent personal data where an opaque value belongs. */
export function personalDataMessage(kind: PersonalDataKind): string {
  return kind === "phone"
    ? "looks like a phone number, which is never stored: use it as the customer phone (customerPhone), which the server turns into the customer key"
    : "looks like an e-mail address, which is never stored: send an opaque customer key (such as a hash of the account id) instead";
}

/** Up to 64 characters: the most a written phone number needs, with spaces and a `tel:`. */
export const MAX_PHONE_LENGTH = 64;

/**
 * The E.164 form of a phone number written in international form (`+44 20 7946 0958`,
 * `tel:+14155550100`), or, with `defaultCountry`, in that country's national form; null when it
 * is no possible number. Matches lib/customers/phone-key.ts `normalizePhone`, which the server
 * keys with, so the browser refuses exactly what the server would.
 */
export function toE164(raw: string, defaultCountry?: string): string | null {
  if (typeof raw !== "string") return null;
  const value = raw.trim().replace(/^tel:/i, "");
  if (value.length === 0 || value.length > MAX_PHONE_LENGTH) return null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const parsed = parsePhoneNumberFromString(value, defaultCountry as any);
  return parsed && parsed.isPossible() ? parsed.number : null;
}
