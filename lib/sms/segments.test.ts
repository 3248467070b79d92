import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countSegments, isGsm7Character, nonGsmCharacters, smsEncodingOf } from "./segments";

const gsm = (n: number) => "a".repeat(n);
const cyrillic = (n: number) => "я".repeat(n); // one UTF-16 unit, not in GSM-7
const EMOJI = "😀"; // a surrogate pair: two UTF-16 units

describe("encoding", () => {
  it("keeps plain English text in GSM-7", () => {
    expect(countSegments("Hi Alex, chat with us: https://x.co/c/1 Reply STOP to opt out")).toMatchObject({
      encoding: "GSM-7",
      segments: 1,
    });
  });

  it("switches the whole message to UCS-2 for a single character outside GSM-7", () => {
    expect(smsEncodingOf(`${gsm(100)}✓`)).toBe("UCS-2");
    expect(countSegments(`${gsm(100)}✓`)).toMatchObject({ encoding: "UCS-2", units: 101, segments: 2 });
  });

  it.each([
    ["lower-case ç (only capital Ç is in the alphabet)", "ça va"],
    ["ë", "Zoë"],
    ["a backtick", "`code`"],
    ["a tab", "a\tb"],
    ["lower-case Greek", "α"],
    ["the Ohm sign, which only looks like Ω", "\u2126"],
    ["a curly apostrophe", "it’s"],
    ["an emoji", EMOJI],
  ])("treats %s as UCS-2", (_, text) => {
    expect(smsEncodingOf(text)).toBe("UCS-2");
  });

  it.each([
    ["capital Ç", "Ça va"],
    ["Greek capitals of the alphabet", "ΔΦΓΛΩΠΨΣΘΞ"],
    ["accented letters of the alphabet", "èéùìòØøÅåÆæßÉÄÖÑÜäöñüà"],
    ["currency and punctuation", "@£$¥¤§¡¿!\"#%&'()*+,-./:;<=>?_"],
    ["line breaks", "a\r\nb"],
    ["the extension table", "^{}\\[~]|€\f"],
  ])("keeps %s in GSM-7", (_, text) => {
    expect(smsEncodingOf(text)).toBe("GSM-7");
  });

  it("does not treat the escape character itself as a GSM-7 character", () => {
    expect(isGsm7Character("\u001b")).toBe(false);
  });

  it("lists the characters that force UCS-2, once each, in order", () => {
    expect(nonGsmCharacters(`Zoë ${EMOJI} ë ok`)).toEqual(["ë", EMOJI]);
    expect(nonGsmCharacters("plain [text] €5")).toEqual([]);
  });
});

describe("GSM-7 segments", () => {
  it("counts an empty body as nothing to send", () => {
    expect(countSegments("")).toEqual({ encoding: "GSM-7", segments: 0, units: 0, perSegment: 160, remainingInSegment: 160 });
  });

  it("fits 160 septets in one SMS and needs two parts of 153 at 161", () => {
    expect(countSegments(gsm(160))).toEqual({ encoding: "GSM-7", segments: 1, units: 160, perSegment: 160, remainingInSegment: 0 });
    expect(countSegments(gsm(161))).toEqual({ encoding: "GSM-7", segments: 2, units: 161, perSegment: 153, remainingInSegment: 145 });
  });

  it.each([
    [306, 2, 0],
    [307, 3, 152],
    [459, 3, 0],
    [460, 4, 152],
    [1530, 10, 0],
    [1531, 11, 152],
  ])("at %i septets needs %i parts with %i free", (length, segments, remaining) => {
    expect(countSegments(gsm(length))).toMatchObject({ segments, units: length, perSegment: 153, remainingInSegment: remaining });
  });

  it("counts each extension character as two septets", () => {
    expect(countSegments("€").units).toBe(2);
    expect(countSegments("{}[]").units).toBe(8);
    expect(countSegments("\f").units).toBe(2);
    expect(countSegments("^~|\\").units).toBe(8);
  });

  it("fits 80 euro signs (160 septets) in one SMS but not 159 letters and a euro sign", () => {
    expect(countSegments("€".repeat(80))).toMatchObject({ segments: 1, units: 160 });
    expect(countSegments(`${gsm(158)}€`)).toMatchObject({ segments: 1, units: 160, remainingInSegment: 0 });
    expect(countSegments(`${gsm(159)}€`)).toMatchObject({ segments: 2, units: 161 });
  });

  it("moves an escaped character that does not fit whole into the next part", () => {
    // 152 + 2 + 152 = 306 septets, which would be exactly 2 × 153 if the escape pair could split.
    const text = `${gsm(152)}€${gsm(152)}`;
    expect(countSegments(text)).toMatchObject({ segments: 3, units: 306, remainingInSegment: 152 });
  });

  it("does not move an escaped character that ends exactly at a part boundary", () => {
    const text = `${gsm(151)}€${gsm(153)}`; // 153 + 153
    expect(countSegments(text)).toMatchObject({ segments: 2, units: 306, remainingInSegment: 0 });
  });

  it("packs 76 euro signs per part: the 77th would split its escape pair", () => {
    expect(countSegments("€".repeat(81))).toMatchObject({ segments: 2, units: 162, remainingInSegment: 153 - 10 });
    expect(countSegments("€".repeat(152))).toMatchObject({ segments: 2, remainingInSegment: 1 });
    expect(countSegments("€".repeat(153))).toMatchObject({ segments: 3 });
  });
});

describe("UCS-2 segments", () => {
  it("fits 70 units in one SMS and needs two parts of 67 at 71", () => {
    expect(countSegments(cyrillic(70))).toEqual({ encoding: "UCS-2", segments: 1, units: 70, perSegment: 70, remainingInSegment: 0 });
    expect(countSegments(cyrillic(71))).toEqual({ encoding: "UCS-2", segments: 2, units: 71, perSegment: 67, remainingInSegment: 63 });
  });

  it.each([
    [134, 2, 0],
    [135, 3, 66],
    [670, 10, 0],
    [671, 11, 66],
  ])("at %i units needs %i parts with %i free", (length, segments, remaining) => {
    expect(countSegments(cyrillic(length))).toMatchObject({ segments, units: length, perSegment: 67, remainingInSegment: remaining });
  });

  it("counts an emoji as two UTF-16 units", () => {
    expect(countSegments(EMOJI)).toMatchObject({ encoding: "UCS-2", units: 2, segments: 1 });
    expect(countSegments(EMOJI.repeat(35))).toMatchObject({ units: 70, segments: 1, remainingInSegment: 0 });
  });

  it("keeps a surrogate pair whole: 36 emoji go 33 + 3, not 67 + 5 units", () => {
    expect(countSegments(EMOJI.repeat(36))).toMatchObject({ units: 72, segments: 2, remainingInSegment: 67 - 6 });
  });

  it("needs a third part when an emoji straddles the first boundary, although 134 units would fit two", () => {
    expect(countSegments(`${cyrillic(66)}${EMOJI}${cyrillic(66)}`)).toMatchObject({ units: 134, segments: 3 });
    expect(countSegments(`${EMOJI}${cyrillic(132)}`)).toMatchObject({ units: 134, segments: 2 });
  });

  it("counts GSM letters as one unit each once the message is UCS-2, extension characters included", () => {
    expect(countSegments(`€€€ ${EMOJI}`)).toMatchObject({ encoding: "UCS-2", units: 6 });
  });

  it("turns 160 GSM letters plus one non-GSM letter into three UCS-2 parts", () => {
    expect(countSegments(`${gsm(160)}ł`)).toMatchObject({ encoding: "UCS-2", units: 161, segments: 3 });
  });
});

describe("segment properties", () => {
  const gsmCharacter = fc.constantFrom(..."abcXYZ019 .,!?@£$èÇΔ\n€[]{}^~|\\");
  const basicGsmCharacter = fc.constantFrom(..."abcXYZ019 .,!?@£$èÇΔ\n");
  const bmpNonGsm = fc.constantFrom(..."яжłëç✓“”αβ");

  it("never decreases when GSM-7 text grows", () => {
    fc.assert(
      fc.property(fc.string({ unit: gsmCharacter, maxLength: 2000 }), gsmCharacter, (text, extra) => {
        expect(countSegments(text + extra).segments).toBeGreaterThanOrEqual(countSegments(text).segments);
      }),
    );
  });

  it("matches the textbook formula for GSM-7 text without extension characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: basicGsmCharacter, minLength: 1, maxLength: 2000 }), (text) => {
        const expected = text.length <= 160 ? 1 : Math.ceil(text.length / 153);
        expect(countSegments(text)).toMatchObject({ encoding: "GSM-7", units: text.length, segments: expected });
      }),
    );
  });

  it("matches the textbook formula for UCS-2 text without surrogate pairs", () => {
    fc.assert(
      fc.property(fc.string({ unit: basicGsmCharacter, maxLength: 800 }), bmpNonGsm, (text, forcing) => {
        const message = forcing + text;
        const expected = message.length <= 70 ? 1 : Math.ceil(message.length / 67);
        expect(countSegments(message)).toMatchObject({ encoding: "UCS-2", units: message.length, segments: expected });
      }),
    );
  });

  it("never counts fewer parts than the units need, nor more than a one-unit loss per part allows", () => {
    const anyCharacter = fc.oneof(gsmCharacter, bmpNonGsm, fc.constantFrom(EMOJI, "🇫🇷", "👍🏽"));
    fc.assert(
      fc.property(fc.string({ unit: anyCharacter, minLength: 1, maxLength: 1500 }), (text) => {
        const { units, segments, perSegment, remainingInSegment } = countSegments(text);
        expect(segments).toBeGreaterThanOrEqual(Math.ceil(units / perSegment));
        expect(segments).toBeLessThanOrEqual(Math.ceil(units / (perSegment - 1)));
        expect(remainingInSegment).toBeGreaterThanOrEqual(0);
        expect(remainingInSegment).toBeLessThan(perSegment);
      }),
    );
  });
});
