/*
 * TwiML, the XML Twilio reads to run a call (docs/adr/025). Built from verbs, never by pasting
 * text into markup: every text and attribute value is escaped, and characters XML 1.0 cannot
 * carry at all (control characters, unpaired surrogates) are left out, so a prompt with `<`, `&`
 * or quotes stays one valid document.
 */

export type TwimlNode = { verb: string; attributes?: Record<string, string | number | boolean | undefined>; children?: TwimlNode[] | string };

/** Characters XML 1.0 allows: tab, line feed, carriage return, and from U+0020 on, minus surrogates and U+FFFE/U+FFFF. */
const NOT_XML_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Text safe inside an element or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHARACTER, "").replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

function render(node: TwimlNode): string {
  const attributes = Object.entries(node.attributes ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join("");
  const { children } = node;
  if (children === undefined || children.length === 0) return `<${node.verb}${attributes}/>`;
  const inner = typeof children === "string" ? escapeXml(children) : children.map(render).join("");
  return `<${node.verb}${attributes}>${inner}</${node.verb}>`;
}

/** A whole TwiML document: `<Response>` around the verbs. */
export function twiml(...verbs: TwimlNode[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${render({ verb: "Response", children: verbs })}`;
}

export const say = (text: string): TwimlNode => ({ verb: "Say", children: text });

export const redirect = (url: string): TwimlNode => ({ verb: "Redirect", attributes: { method: "POST" }, children: url });

export const hangup = (): TwimlNode => ({ verb: "Hangup" });

export interface GatherOptions {
  action: string;
  numDigits?: number;
  /** Seconds to wait for the first key. */
  timeout?: number;
}

/**
 * Collects one key press and posts it to `action`. `actionOnEmptyResult` makes Twilio post there
 * when nothing was pressed too, so a silence is recorded as a decline, not lost.
 */
export const gather = ({ action, numDigits = 1, timeout = 5 }: GatherOptions, ...children: TwimlNode[]): TwimlNode => ({
  verb: "Gather",
  attributes: { numDigits, action, method: "POST", timeout, actionOnEmptyResult: true },
  children,
});

/** The content type Twilio expects TwiML in. */
export const TWIML_CONTENT_TYPE = "text/xml; charset=utf-8";
