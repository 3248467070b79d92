/*
 * How the outbox and the opt-out list name what happened to a message or why a number opted out
 * (docs/adr/025). Every outcome is shown, failures as plainly as successes.
 */

/** The tones of components/ui/badge.tsx. */
export type StatusTone = "good" | "bad" | "warn" | "info" | "neutral";

export const MESSAGE_STATUS_LABELS: Record<string, { label: string; tone: StatusTone; help: string }> = {
  outbox: { label: "In outbox", tone: "info", help: "Kept here only: the SMS provider is the outbox, so nothing was sent." },
  sending: { label: "Sending", tone: "info", help: "Handed to the provider just now." },
  sent: { label: "Sent", tone: "good", help: "Accepted by Twilio; no delivery report yet." },
  delivered: { label: "Delivered", tone: "good", help: "The carrier reported it delivered." },
  held: { label: "Held", tone: "warn", help: "Quiet hours: it leaves when they end, or is dropped after 12 hours." },
  dropped: { label: "Dropped", tone: "bad", help: "Held 12 hours in quiet hours, never sent." },
  opted_out: { label: "Not sent: opted out", tone: "bad", help: "The customer had replied STOP (or the carrier said they unsubscribed)." },
  failed: { label: "Failed", tone: "bad", help: "The provider refused it or could not be reached." },
};

/** What an error code means, for the ones Switchboard itself gives or knows. */
export const ERROR_CODE_LABELS: Record<string, string> = {
  "21610": "21610 · the number unsubscribed",
  "21211": "21211 · not a valid phone number",
  "30003": "30003 · unreachable handset",
  "30005": "30005 · unknown number",
  "30006": "30006 · landline or unreachable carrier",
  timeout: "Twilio did not answer in time",
  network: "Twilio could not be reached",
  not_configured: "Telephony settings incomplete (provider, public URL)",
  template_unavailable: "The SMS template is no longer published",
  opted_out: "The customer opted out",
  held_too_long: "Held 12 hours in quiet hours",
  number_unavailable: "The held number could not be read back",
};

export const OPT_OUT_SOURCE_LABELS: Record<string, string> = {
  sms_keyword: "Replied STOP (or a word like it)",
  provider_unsubscribed: "Twilio: the number unsubscribed (21610)",
};

export const POINT_SHORT_NAMES: Record<string, string> = {
  web_nudge: "Web nudge",
  ivr_offer: "IVR offer",
  sms_link: "SMS link",
  in_queue: "In queue",
  post_call: "Post-call",
};
