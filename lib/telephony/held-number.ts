import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/*
 * A message held for quiet hours must still know where to go when they end, and the number is
 * never stored in plain text (docs/adr/025). So a held message keeps it sealed: AES-256-GCM under
 * a key derived (HKDF-SHA256) from the workspace's customer-key secret, bound to the message it
 * belongs to, and erased the moment the message is sent or dropped. A copy of the database alone
 * does not reveal it; the secret lives in the same database, so this protects against leaks of
 * the messages table (exports, logs of rows, a support screenshot), not against a full dump.
 */

const INFO = "switchboard/held-sms-number/v1";

function keyOf(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.alloc(0), INFO, 32));
}

/** `v1.<iv>.<ciphertext>.<tag>`, base64url, bound to `context` (the workspace and message ids). */
export function sealNumber(secret: string, e164: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(secret), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(e164, "utf8"), cipher.final()]);
  return ["v1", iv, ciphertext, cipher.getAuthTag()].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** The number sealed for this context, or null when it was sealed for another, another key, or altered. */
export function openNumber(secret: string, sealed: string, context: string): string | null {
  const parts = sealed.split(".");
  if (parts.length !== 4 || parts[0] !== "v1") return null;
  try {
    const [iv, ciphertext, tag] = parts.slice(1).map((part) => Buffer.from(part, "base64url"));
    const decipher = createDecipheriv("aes-256-gcm", keyOf(secret), iv);
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
