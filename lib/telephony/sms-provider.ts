/*
 * Where an SMS goes (DESIGN.md "Telephony and messaging", docs/adr/025): `twilio` sends it with
 * the Messages REST API; `outbox`, the default, sends nothing and the message is only kept in the
 * app's outbox. A provider answers what happened in our words; what is stored is decided by the
 * caller (db/queries/messaging.ts). Nothing here logs or keeps the number.
 */

export interface OutgoingSms {
  /** E.164. */
  to: string;
  /** E.164 sender or a Twilio Messaging Service SID (MG…). */
  from: string;
  body: string;
  /** Where the provider reports delivery. */
  statusCallback?: string;
}

export type SendOutcome =
  | { ok: true; providerSid: string | null }
  | {
      ok: false;
      /** The provider's error code ("21610"), or ours: "timeout", "network", "http_<status>", "not_configured". */
      code: string;
      /** The provider says the number unsubscribed (Twilio 21610): record the opt-out too. */
      optedOut: boolean;
    };

export interface SmsProvider {
  name: "twilio" | "outbox";
  send(message: OutgoingSms): Promise<SendOutcome>;
}

/** Nothing leaves: the message is kept in the outbox, which is the whole of this provider. */
export const outboxProvider: SmsProvider = {
  name: "outbox",
  send: async () => ({ ok: true, providerSid: null }),
};

/** Twilio error codes with a meaning of their own here. */
export const TWILIO_UNSUBSCRIBED = "21610";
export const TWILIO_INVALID_NUMBER = "21211";

export interface TwilioOptions {
  accountSid: string;
  authToken: string;
  /** https://api.twilio.com unless TWILIO_API_BASE says otherwise (tests run a local stand-in). */
  baseUrl: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export const DEFAULT_TWILIO_API_BASE = "https://api.twilio.com";

/** POST /2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded, HTTP Basic with the account SID and auth token. */
export function twilioProvider({ accountSid, authToken, baseUrl, timeoutMs = 10_000, fetch: fetchImpl = fetch }: TwilioOptions): SmsProvider {
  const endpoint = `${baseUrl.replace(/\/+$/, "")}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`, "utf8").toString("base64")}`;
  return {
    name: "twilio",
    async send(message) {
      const form = new URLSearchParams({ To: message.to, Body: message.body });
      form.set(message.from.startsWith("MG") ? "MessagingServiceSid" : "From", message.from);
      if (message.statusCallback) form.set("StatusCallback", message.statusCallback);
      let response: Response;
      try {
        response = await fetchImpl(endpoint, {
          method: "POST",
          headers: { authorization, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
          body: form.toString(),
          signal: AbortSignal.timeout(timeoutMs),
          redirect: "error",
        });
      } catch (error) {
        const name = (error as { name?: string }).name;
        return { ok: false, code: name === "TimeoutError" || name === "AbortError" ? "timeout" : "network", optedOut: false };
      }
      // The timeout's signal covers reading the body too.
      const answer = await readJson(response);
      if (response.ok) {
        const sid = typeof answer?.sid === "string" && /^[A-Za-z0-9]{1,64}$/.test(answer.sid) ? answer.sid : null;
        return { ok: true, providerSid: sid };
      }
      const code = answer?.code !== undefined && /^\d{1,6}$/.test(String(answer.code)) ? String(answer.code) : `http_${response.status}`;
      return { ok: false, code, optedOut: code === TWILIO_UNSUBSCRIBED };
    },
  };
}

async function readJson(response: Response): Promise<Record<string, unknown> | null> {
  try {
    const value = JSON.parse(await response.text());
    return value && typeof value === "object" ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
