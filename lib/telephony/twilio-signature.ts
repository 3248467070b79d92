import { createHmac, timingSafeEqual } from "node:crypto";

/*
 * Twilio's request signature (X-Twilio-Signature), as Twilio documents it and its own libraries
 * compute it (twilio-node's webhooks.ts, twilio-python's RequestValidator):
 *
 *   base64(HMAC-SHA1(auth token, URL + every POST parameter's name and value, sorted by name))
 *
 * - The URL is the one Twilio was given: scheme, host, port if any, path and query, exactly; we
 *   rebuild it from the workspace's configured public URL, never from the Host header, which the
 *   caller chooses (docs/adr/025).
 * - Names are sorted by code unit (Twilio: "Unix-style case-sensitive sorting"). A name sent more
 *   than once contributes each distinct value, in sorted order, as Twilio's libraries do.
 * - Twilio has signed some URLs with the scheme's default port written out (":443") and some
 *   without; a signature over either form is accepted. Only the default port: another port is
 *   another URL.
 */

export type FormParams = ReadonlyArray<readonly [string, string]>;

/** The string Twilio signs: the URL, then name + value of each parameter, sorted by name (then value). */
export function signedPayload(url: string, params: FormParams): string {
  const byName = new Map<string, Set<string>>();
  for (const [name, value] of params) {
    const values = byName.get(name) ?? new Set<string>();
    values.add(value);
    byName.set(name, values);
  }
  let payload = url;
  for (const name of [...byName.keys()].sort(compareCodeUnits)) {
    for (const value of [...byName.get(name)!].sort(compareCodeUnits)) payload += name + value;
  }
  return payload;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The signature Twilio sends for a request to `url` with these POST parameters. */
export function twilioSignature(authToken: string, url: string, params: FormParams): string {
  return createHmac("sha1", authToken).update(signedPayload(url, params), "utf8").digest("base64");
}

const DEFAULT_PORTS: Record<string, string> = { "https:": "443", "http:": "80" };

/**
 * The forms of a URL Twilio may have signed: as given, with the scheme's default port written out
 * when it has no port, and without it when it has the default one. Null when it is no http(s) URL.
 */
export function urlForms(url: string): string[] | null {
  const match = /^(https?:)\/\/([^/?#]*)(.*)$/i.exec(url);
  if (!match) return null;
  const [, scheme, authority, rest] = match;
  const defaultPort = DEFAULT_PORTS[scheme.toLowerCase()];
  const portMatch = /^(.*?)(?::(\d*))?$/.exec(authority)!;
  const host = portMatch[1];
  const port = portMatch[2];
  if (port === undefined || port === "") return [url, `${scheme}//${host}:${defaultPort}${rest}`];
  if (port === defaultPort) return [url, `${scheme}//${host}${rest}`];
  return [url];
}

/**
 * Whether `signature` is Twilio's for this URL and these parameters, compared in constant time
 * (per candidate URL form: every form is always computed and compared).
 */
export function isValidTwilioSignature(authToken: string, signature: string | null, url: string, params: FormParams): boolean {
  if (!authToken || !signature) return false;
  const forms = urlForms(url);
  if (!forms) return false;
  const given = Buffer.from(signature, "utf8");
  let valid = false;
  for (const form of forms) {
    const expected = Buffer.from(twilioSignature(authToken, form, params), "utf8");
    // The expected length is fixed (28 base64 characters): comparing lengths first reveals nothing.
    const same = given.length === expected.length && timingSafeEqual(given, expected);
    valid = same || valid;
  }
  return valid;
}
