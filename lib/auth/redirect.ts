/** Where a signed-in user goes when the link they followed names no safe place. */
export const DEFAULT_AFTER_SIGN_IN = "/start";

/** Longer callback addresses are refused: no page of this app needs one, and they only cost work. */
const MAX_CALLBACK_LENGTH = 2_048;

/**
 * The place to send a user after signing in, from a `callbackUrl` that anyone can put in a link.
 *
 * The value is resolved the way a browser resolves it (`new URL(value, origin)` strips tabs and
 * newlines, reads `\` as `/`, and so on) and accepted only when it lands on `origin`. The answer
 * is the resolved path, query and fragment, never the raw text, so the browser reads it exactly
 * as it was checked; anything else gives `/start`.
 */
export function safeCallbackUrl(value: unknown, origin: string): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_CALLBACK_LENGTH) return DEFAULT_AFTER_SIGN_IN;
  let resolved: URL;
  try {
    resolved = new URL(value, origin);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  const app = new URL(origin);
  // A `blob:` address carries the origin it was made on, so the scheme is compared as well.
  if (resolved.origin !== app.origin || resolved.protocol !== app.protocol) return DEFAULT_AFTER_SIGN_IN;
  // `/.//evil.example` resolves to the path `//evil.example`, which a browser would read as
  // another host once it is written out without the origin.
  if (resolved.pathname.startsWith("//")) return DEFAULT_AFTER_SIGN_IN;
  return resolved.pathname + resolved.search + resolved.hash;
}
