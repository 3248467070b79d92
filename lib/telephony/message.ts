import { countSegments, type SmsEncoding } from "@/lib/sms/segments";
import { renderTemplate } from "@/lib/sms/template";

/*
 * The text of a runtime SMS (docs/adr/025): the published template rendered as the editor previews
 * it (lib/sms/template.ts), counted in segments as carriers bill it (lib/sms/segments.ts). The
 * chat link stays a placeholder in what is stored, and is put in only as the message leaves.
 */

export const CHAT_LINK_PLACEHOLDER = "{{chat_link}}";

/** A link token: 128 random bits in base64url. */
export const LINK_TOKEN_LENGTH = 22;

export interface MessageValues {
  company: string;
  /** The runtime does not know callers' names: "there" reads as "Hi there". */
  firstName?: string;
  /** The caller's estimated wait, when the IVR said it. */
  waitSeconds?: number;
}

export interface ComposedMessage {
  /** The rendered text with `{{chat_link}}` where the link goes. */
  body: string;
  encoding: SmsEncoding;
  segments: number;
}

/** Values cannot open or close a placeholder, so only the template's own `{{chat_link}}` is one. */
const plain = (value: string) => value.replace(/[{}]/g, "");

export function chatLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/l/${token}`;
}

/** The link as people see it in the outbox: its token is never shown. */
export function redactedChatLink(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/l/…`;
}

export function withChatLink(body: string, link: string): string {
  return body.split(CHAT_LINK_PLACEHOLDER).join(link);
}

/** Renders a template for one customer and counts the message as it will leave, link included. */
export function composeMessage(templateBody: string, publicUrl: string, values: MessageValues): ComposedMessage {
  const { text } = renderTemplate(templateBody, {
    chat_link: CHAT_LINK_PLACEHOLDER,
    company: plain(values.company),
    first_name: plain(values.firstName ?? "there"),
    wait_minutes: values.waitSeconds === undefined ? "a few" : String(Math.max(1, Math.ceil(values.waitSeconds / 60))),
  });
  const { encoding, segments } = countSegments(withChatLink(text, chatLinkUrl(publicUrl, "x".repeat(LINK_TOKEN_LENGTH))));
  return { body: text, encoding, segments };
}

/** Segments × the price of one, to the 4 decimals costs are kept in. */
export function messageCost(segments: number, costPerSegment: number): number {
  return Math.round(segments * costPerSegment * 10_000) / 10_000;
}
