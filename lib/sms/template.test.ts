import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countSegments } from "./segments";
import {
  previewSms,
  renderTemplate,
  SAMPLE_VALUES,
  TEMPLATE_VARIABLES,
  unknownVariablesIn,
  variablesIn,
  WORST_CASE_VALUES,
  type TemplateValues,
} from "./template";

const values: TemplateValues = { first_name: "Sam", chat_link: "https://c.example/x", wait_minutes: "7", company: "Bank" };

describe("renderTemplate", () => {
  it("substitutes every known variable", () => {
    const body = "Hi {{first_name}}, the wait at {{company}} is {{wait_minutes}} min. Chat: {{chat_link}}";
    expect(renderTemplate(body, values)).toEqual({
      text: "Hi Sam, the wait at Bank is 7 min. Chat: https://c.example/x",
      unknownVariables: [],
    });
  });

  it("allows whitespace inside the braces", () => {
    expect(renderTemplate("{{ chat_link }} {{\tfirst_name  }}", values).text).toBe("https://c.example/x Sam");
  });

  it("substitutes a variable used twice", () => {
    expect(renderTemplate("{{first_name}}/{{first_name}}", values).text).toBe("Sam/Sam");
  });

  it("leaves unknown variables in the text and reports each once", () => {
    expect(renderTemplate("Hi {{name}} {{ name }} {{Chat_Link}} {{first_name}}", values)).toEqual({
      text: "Hi {{name}} {{ name }} {{Chat_Link}} Sam",
      unknownVariables: ["name", "Chat_Link"],
    });
  });

  it("reports an empty placeholder as an unknown variable named ''", () => {
    expect(renderTemplate("a {{ }} b", values).unknownVariables).toEqual([""]);
  });

  it("does not treat single braces or unclosed placeholders as variables", () => {
    expect(renderTemplate("{chat_link} {{chat_link", values)).toEqual({ text: "{chat_link} {{chat_link", unknownVariables: [] });
  });

  it("inserts values literally, even when they look like replacement patterns or placeholders", () => {
    const tricky = { ...values, first_name: "$& $1 {{company}}" };
    expect(renderTemplate("Hi {{first_name}}", tricky).text).toBe("Hi $& $1 {{company}}");
  });

  it("never leaves a known variable behind", () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom(...TEMPLATE_VARIABLES).map((name) => `{{${name}}}`),
      fc.constantFrom(...TEMPLATE_VARIABLES).map((name) => `{{  ${name} }}`),
    );
    const safeValue = fc.string({ maxLength: 20 }).filter((value) => !value.includes("{") && !value.includes("}"));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.record({ first_name: safeValue, chat_link: safeValue, wait_minutes: safeValue, company: safeValue }), (pieces, anyValues) => {
        const { text } = renderTemplate(pieces.join(""), anyValues);
        expect(variablesIn(text).filter((name) => (TEMPLATE_VARIABLES as readonly string[]).includes(name))).toEqual([]);
      }),
    );
  });
});

describe("variablesIn", () => {
  it("lists every name once in order of appearance", () => {
    expect(variablesIn("{{company}} {{ chat_link }} {{company}} {{x}}")).toEqual(["company", "chat_link", "x"]);
    expect(unknownVariablesIn("{{company}} {{x}} {{y}}")).toEqual(["x", "y"]);
  });

  it("reads placeholders exactly as the former pattern did, which backtracked (issue 11)", () => {
    // Safe on these short texts; on "{{" and a long run of spaces it took seconds.
    const former = /\{\{\s*([^{}]*?)\s*\}\}/g;
    const text = fc.array(fc.constantFrom("{", "}", "{{", "}}", " ", "\t", "\n", "\u00a0", "a", "chat_link", "first_name", "$&"), { maxLength: 16 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, (body) => {
        expect(variablesIn(body)).toEqual([...new Set(Array.from(body.matchAll(former), (match) => match[1]))]);
        const formerText = body.replace(former, (placeholder, name: string) => (name in values ? values[name as keyof TemplateValues] : placeholder));
        expect(renderTemplate(body, values).text).toBe(formerText);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("sample values", () => {
  it("keeps the typical preview values in GSM-7", () => {
    for (const value of Object.values(SAMPLE_VALUES)) expect(countSegments(value).encoding).toBe("GSM-7");
  });

  it("makes the worst case long and outside GSM-7", () => {
    expect(countSegments(WORST_CASE_VALUES.first_name).encoding).toBe("UCS-2");
    expect(WORST_CASE_VALUES.first_name).toHaveLength(32);
    expect(WORST_CASE_VALUES.chat_link).toHaveLength(64);
    expect(WORST_CASE_VALUES.chat_link).toMatch(/^https:\/\//);
    expect(WORST_CASE_VALUES.wait_minutes).toHaveLength(3);
    expect(WORST_CASE_VALUES.company).toHaveLength(64);
  });
});

describe("previewSms", () => {
  it("answers exactly the shape of the preview API", () => {
    expect(previewSms("Chat now: {{chat_link}}")).toEqual({
      text: `Chat now: ${SAMPLE_VALUES.chat_link}`,
      encoding: "GSM-7",
      segments: 1,
      units: 10 + SAMPLE_VALUES.chat_link.length,
      unknownVariables: [],
    });
  });

  it("uses the given values and falls back to samples for the others", () => {
    expect(previewSms("{{first_name}} at {{company}}", { company: "Zürich Bank" }).text).toBe(`${SAMPLE_VALUES.first_name} at Zürich Bank`);
  });

  it("counts segments on the rendered text, so a value outside GSM-7 switches the encoding", () => {
    expect(previewSms("Hi {{first_name}}", { first_name: "Łucja" })).toMatchObject({ text: "Hi Łucja", encoding: "UCS-2", units: 8 });
  });

  it("counts the extension characters a value brings", () => {
    expect(previewSms("{{company}}", { company: "[A]" }).units).toBe(5);
  });

  it("ignores values for variables that do not exist", () => {
    const vars = { first_name: "Kim", bogus: "x" } as unknown as Partial<TemplateValues>;
    expect(previewSms("{{first_name}} {{bogus}}", vars)).toMatchObject({ text: "Kim {{bogus}}", unknownVariables: ["bogus"] });
  });

  it("previews an empty body as nothing to send", () => {
    expect(previewSms("")).toEqual({ text: "", encoding: "GSM-7", segments: 0, units: 0, unknownVariables: [] });
  });

  it("crosses into a second segment when a value pushes the text past 160 septets", () => {
    const body = `${"a".repeat(150)} {{first_name}}`;
    expect(previewSms(body, { first_name: "Jo" }).segments).toBe(1);
    expect(previewSms(body, { first_name: "Josephine-Ann" }).segments).toBe(2);
  });
});
