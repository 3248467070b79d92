import { createHmac, timingSafeEqual } from "node:crypto";

/*
 * `sb_token`: what a chat link hands to the chat platform along with `sb_journey`, so that the
 * platform knows which customer and journey the conversation continues, and that Switchboard sent
 * them (DESIGN.md "Telephony and messaging", docs/adr/025, README "Chat links").
 *
 *   sb_token = "v1." + expiry + "." + base64url(customer) + "." + base64url(HMAC-SHA256(key, message))
 *   message  = "sb_token/v1\n" + journey + "\n" + customer + "\n" + expiry
 *
 * `expiry` is in Unix seconds, 10 minutes after the click; `key` is the workspace's chat token
 * key, shown to admins on the settings page. This file has no other dependency than node:crypto,
 * so a chat platform written in Node can copy it as it is.
 */

export const CHAT_TOKEN_TTL_SECONDS = 10 * 60;

const VERSION = "v1";

function signature(key: string, journey: string, customer: string, expiry: number): string {
  return createHmac("sha256", key).update(`sb_token/${VERSION}\n${journey}\n${customer}\n${expiry}`, "utf8").digest("base64url");
}

export interface ChatTokenClaims {
  journey: string;
  customer: string;
  /** When the token stops being valid. */
  expiresAt: Date;
}

export function signChatToken(key: string, { journey, customer, expiresAt }: ChatTokenClaims): string {
  const expiry = Math.floor(expiresAt.getTime() / 1000);
  return `${VERSION}.${expiry}.${Buffer.from(customer, "utf8").toString("base64url")}.${signature(key, journey, customer, expiry)}`;
}

export type ChatTokenCheck =
  | { valid: true; customer: string; expiresAt: Date }
  | { valid: false; reason: "malformed" | "signature" | "expired" };

const SHAPE = /^v1\.(\d{1,12})\.([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{43})$/;

/**
 * Verifies an `sb_token` for the `sb_journey` it came with: the signature is the workspace's (in
 * constant time), it is for this journey, and it has not expired at `now`. Answers the customer
 * key it names.
 */
export function verifyChatToken(key: string, token: string, journey: string, now: Date = new Date()): ChatTokenCheck {
  const match = typeof token === "string" ? SHAPE.exec(token) : null;
  if (!match || !key || typeof journey !== "string") return { valid: false, reason: "malformed" };
  const expiry = Number(match[1]);
  const customer = Buffer.from(match[2], "base64url").toString("utf8");
  const expected = Buffer.from(signature(key, journey, customer, expiry), "utf8");
  const given = Buffer.from(match[3], "utf8");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { valid: false, reason: "signature" };
  if (expiry * 1000 <= now.getTime()) return { valid: false, reason: "expired" };
  return { valid: true, customer, expiresAt: new Date(expiry * 1000) };
}
