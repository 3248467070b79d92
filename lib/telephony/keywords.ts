/*
 * The replies that opt a number out of messages or back in (DESIGN.md "Telephony and messaging"):
 * the whole message, in any case, with the spaces around it ignored. "Stop it" or "STOP." is no
 * keyword: carriers and Twilio read these words the same way.
 */

export const OPT_OUT_KEYWORDS = ["STOP", "STOPALL", "UNSUBSCRIBE", "END", "QUIT", "CANCEL", "REVOKE", "OPTOUT"] as const;
export const OPT_IN_KEYWORDS = ["START", "UNSTOP", "YES"] as const;

export type InboundIntent = "opt_out" | "opt_in" | null;

/** ASCII letters only: Unicode case mapping would read "ſtart" (long s) as START. */
export function inboundIntent(body: string): InboundIntent {
  const trimmed = body.trim();
  if (!/^[A-Za-z]{1,11}$/.test(trimmed)) return null;
  const word = trimmed.toUpperCase();
  if ((OPT_OUT_KEYWORDS as readonly string[]).includes(word)) return "opt_out";
  if ((OPT_IN_KEYWORDS as readonly string[]).includes(word)) return "opt_in";
  return null;
}
