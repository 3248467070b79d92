/**
 * SMS encoding and segment counting as carriers do it (3GPP TS 23.038 / 23.040), DESIGN.md
 * "Configuration": GSM-7 with its extension table, else UCS-2.
 */

export type SmsEncoding = "GSM-7" | "UCS-2";

export const MAX_SEGMENTS = 10;

const CAPACITY: Record<SmsEncoding, { single: number; perPart: number }> = {
  // A multipart message spends 6 octets of each part on the concatenation header:
  // 7 septets for GSM-7 (160 → 153), 3 UTF-16 units for UCS-2 (70 → 67).
  "GSM-7": { single: 160, perPart: 153 },
  "UCS-2": { single: 70, perPart: 67 },
};

/**
 * The GSM 03.38 default alphabet. Position 0x1B (escape) is not a character of its own, and 0x09
 * is the capital Ç as the standard draws it. Backtick and tab are not in it.
 */
const GSM_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);

/** Reached through the escape septet, so each costs two septets. */
const GSM_EXTENSION = new Set("\f^{}\\[~]|€");

export function isGsm7Character(character: string): boolean {
  return GSM_BASIC.has(character) || GSM_EXTENSION.has(character);
}

/** The characters (code points, in order of first appearance) that force a message into UCS-2. */
export function nonGsmCharacters(text: string): string[] {
  const found = new Set<string>();
  for (const character of text) if (!isGsm7Character(character)) found.add(character);
  return [...found];
}

export function smsEncodingOf(text: string): SmsEncoding {
  for (const character of text) if (!isGsm7Character(character)) return "UCS-2";
  return "GSM-7";
}

/**
 * What each character costs in the units of its encoding: septets for GSM-7, UTF-16 code units
 * for UCS-2 (so an emoji outside the Basic Multilingual Plane costs 2, as a surrogate pair).
 */
function characterCosts(text: string, encoding: SmsEncoding): number[] {
  const costs: number[] = [];
  for (const character of text) {
    costs.push(encoding === "GSM-7" ? (GSM_EXTENSION.has(character) ? 2 : 1) : character.length);
  }
  return costs;
}

/**
 * Fills parts of `perPart` units in order. A character never straddles two parts: an escaped
 * GSM-7 character (two septets) or a UCS-2 surrogate pair (two units) that does not fit in what
 * is left of a part moves whole to the next one. That is how senders split (Twilio's published
 * segment calculator, Android's SmsMessage.fragmentText): half a character cannot be decoded on
 * its own. So a 134-unit UCS-2 text whose emoji sits on unit 67–68 takes 3 parts, not
 * ceil(134 / 67) = 2; the count is never lower than ceil(units / perPart). Units are still
 * UTF-16 units as DESIGN.md says; only where a part may end is constrained. Emoji made of
 * several code points (ZWJ sequences, flags) may still be split between code points; keeping
 * whole graphemes together would tie the count to the runtime's Unicode version.
 * Returns the units used in each part.
 */
function packParts(costs: number[], perPart: number): number[] {
  const parts = [0];
  for (const cost of costs) {
    if (parts[parts.length - 1] + cost > perPart) parts.push(0);
    parts[parts.length - 1] += cost;
  }
  return parts;
}

export interface SegmentCount {
  encoding: SmsEncoding;
  /** 0 for an empty text: there is nothing to send. */
  segments: number;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  /** Capacity of one segment at this length: 160 / 70 for a single SMS, 153 / 67 per part. */
  perSegment: number;
  /** Units still free in the last segment before one more is needed. */
  remainingInSegment: number;
}

export function countSegments(text: string): SegmentCount {
  const encoding = smsEncodingOf(text);
  const { single, perPart } = CAPACITY[encoding];
  const costs = characterCosts(text, encoding);
  const units = costs.reduce((sum, cost) => sum + cost, 0);

  if (units <= single) {
    return { encoding, segments: units === 0 ? 0 : 1, units, perSegment: single, remainingInSegment: single - units };
  }
  const parts = packParts(costs, perPart);
  return {
    encoding,
    segments: parts.length,
    units,
    perSegment: perPart,
    remainingInSegment: perPart - parts[parts.length - 1],
  };
}
