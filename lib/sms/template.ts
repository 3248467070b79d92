import { countSegments, type SmsEncoding } from "./segments";

/** The variables an SMS template may use (DESIGN.md "Configuration"); any other is an error. */
export const TEMPLATE_VARIABLES = ["first_name", "chat_link", "wait_minutes", "company"] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Record<TemplateVariable, string>;

/**
 * `{{chat_link}}` or `{{ chat_link }}`; braces cannot appear inside a name, and the name is what
 * is between the braces without surrounding whitespace. One quantifier over characters that
 * cannot end it, so the scan is linear: the former `\{\{\s*([^{}]*?)\s*\}\}` let three quantifiers
 * share the spaces and took seconds on "{{" and a run of spaces (issue 11).
 */
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** The variable name a placeholder's inside names: `" chat_link "` → `"chat_link"`. */
const nameOf = (inside: string) => inside.trim();

export function isTemplateVariable(name: string): name is TemplateVariable {
  return (TEMPLATE_VARIABLES as readonly string[]).includes(name);
}

/** Every variable name the body refers to, known or not, once each in order of appearance. */
export function variablesIn(body: string): string[] {
  return [...new Set(Array.from(body.matchAll(PLACEHOLDER), (match) => nameOf(match[1])))];
}

export function unknownVariablesIn(body: string): string[] {
  return variablesIn(body).filter((name) => !isTemplateVariable(name));
}

export interface RenderedTemplate {
  text: string;
  /** Left in the text as written, so a preview shows them where they are. */
  unknownVariables: string[];
}

export function renderTemplate(body: string, values: TemplateValues): RenderedTemplate {
  const text = body.replace(PLACEHOLDER, (placeholder, inside: string) => {
    const name = nameOf(inside);
    return isTemplateVariable(name) ? values[name] : placeholder;
  });
  return { text, unknownVariables: unknownVariablesIn(body) };
}

/** Typical values for a preview when the caller gives none. */
export const SAMPLE_VALUES: TemplateValues = {
  first_name: "Alex",
  chat_link: "https://chat.example.com/c/7Hq2Kx9P",
  wait_minutes: "12",
  company: "Acme",
};

/**
 * The longest values a template is judged against for the 10-segment limit, so a template that
 * passes stays within it for every customer. `first_name` holds a letter outside the GSM
 * alphabet (ł) because a customer's name can turn the whole message into UCS-2, which is the
 * more expensive encoding. Lengths: first_name 32, chat_link 64, wait_minutes 3, company 64.
 */
export const WORST_CASE_VALUES: TemplateValues = {
  first_name: "Małgorzata-Wilhelmina Przybylska",
  chat_link: "https://chat.example.com/c/".padEnd(64, "Z"),
  wait_minutes: "999",
  company: "Company name".padEnd(64, "y"),
};

/** The answer of `POST /api/v1/sms-templates/preview`, exactly as DESIGN.md shapes it. */
export interface SmsPreview {
  text: string;
  encoding: SmsEncoding;
  segments: number;
  units: number;
  unknownVariables: string[];
}

/** Renders with the given values, falling back to SAMPLE_VALUES for the ones not given. */
export function previewSms(body: string, values: Partial<TemplateValues> = {}): SmsPreview {
  const { text, unknownVariables } = renderTemplate(body, { ...SAMPLE_VALUES, ...definedValues(values) });
  const { encoding, segments, units } = countSegments(text);
  return { text, encoding, segments, units, unknownVariables };
}

function definedValues(values: Partial<TemplateValues>): Partial<TemplateValues> {
  return Object.fromEntries(
    Object.entries(values).filter(([name, value]) => isTemplateVariable(name) && typeof value === "string"),
  );
}

const STOP_WORD = /(?<![\p{L}\p{N}])stop(?![\p{L}\p{N}])/iu;
const OPT_OUT_WORDS = /(?<![\p{L}\p{N}])(opt[\s-]?out|unsubscribe)(?![\p{L}\p{N}])/iu;

/**
 * Whether the body tells the customer how to stop messages: the keyword STOP and "opt out"
 * (or "opt-out", "optout", "unsubscribe"), in any case: "Reply STOP to opt out",
 * "Text stop to unsubscribe".
 */
export function hasOptOutWording(body: string): boolean {
  return STOP_WORD.test(body) && OPT_OUT_WORDS.test(body);
}
