import { isGsm7Character } from "./segments";

/**
 * Typographic characters that word processors put in a text and that force a whole SMS into
 * UCS-2 (70 characters a segment instead of 160), each with the GSM-7 character a reader would
 * not miss. Only punctuation and spaces: letters are never changed, since that changes names.
 */
export const GSM_LOOKALIKES: Readonly<Record<string, string>> = {
  "\u2018": "'", // ‘
  "\u2019": "'", // ’
  "\u201A": "'", // ‚
  "\u2032": "'", // ′
  "\u201C": '"', // “
  "\u201D": '"', // ”
  "\u201E": '"', // „
  "\u2033": '"', // ″
  "\u2013": "-", // –
  "\u2014": "-", // —
  "\u2212": "-", // −
  "\u2026": "...", // …
  "\u00A0": " ", // no-break space
  "\u2009": " ", // thin space
  "\u202F": " ", // narrow no-break space
};

/** The characters of `text` that can be swapped for a GSM-7 lookalike, once each. */
export function replaceableCharacters(text: string): string[] {
  return [...new Set([...text].filter((character) => !isGsm7Character(character) && character in GSM_LOOKALIKES))];
}

/** `text` with every typographic character swapped for its GSM-7 lookalike. */
export function withGsmLookalikes(text: string): string {
  return [...text].map((character) => GSM_LOOKALIKES[character] ?? character).join("");
}
