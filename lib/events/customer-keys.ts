import "server-only";
import { createHmac } from "node:crypto";
import { customerKeyFromPhone, normalizePhone } from "@/lib/customers/phone-key";
import { DERIVED_ID_PREFIX } from "@/lib/import/ids";
import type { CustomerKeys } from "./schema";

/**
 * The customer keys of one workspace (DESIGN.md "Events"): a `customerPhone` becomes
 * customerKeyFromPhone of its E.164 form, as the runtime keys the `From` of a call.
 *
 * An event that came with a phone number and an id the import derived (`csv-` + SHA-256 of the
 * event's content, number included) would otherwise store a plain hash of the number: whoever
 * reads the table knows every other field and could find the number by trying them all. Such an
 * id is stored keyed instead (`csv-` + HMAC-SHA256 with the same secret, 128 bits in hex), which
 * keeps it deterministic — a re-import is still a duplicate — and as opaque as the customer key.
 * Ids a source chose (a Twilio CallSid, a Connect ContactId) are kept as they are.
 */
export function customerKeysOf(secret: string): CustomerKeys {
  return {
    customer(phone) {
      const e164 = normalizePhone(phone.trim().replace(/^tel:/i, ""));
      // The event schema refused anything toE164 cannot read; the two agree (customer-keys.test.ts).
      if (e164 === null) throw new Error("customerPhone is no phone number");
      return customerKeyFromPhone(secret, e164);
    },
    eventId(id) {
      if (!id.startsWith(DERIVED_ID_PREFIX)) return id;
      return DERIVED_ID_PREFIX + createHmac("sha256", secret).update(`event-id\n${id}`, "utf8").digest("hex").slice(0, 32);
    },
  };
}
