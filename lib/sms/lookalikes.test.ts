import { describe, expect, it } from "vitest";
import { countSegments, smsEncodingOf } from "./segments";
import { replaceableCharacters, withGsmLookalikes } from "./lookalikes";

describe("GSM lookalikes", () => {
  it("turns a text that is UCS-2 only because of typography back into GSM-7", () => {
    const pasted = "We’re sorry for the wait — chat with us: “Reply STOP to opt out”…";
    expect(smsEncodingOf(pasted)).toBe("UCS-2");
    expect(replaceableCharacters(pasted)).toEqual(["’", "—", "“", "”", "…"]);
    const fixed = withGsmLookalikes(pasted);
    expect(fixed).toBe('We\'re sorry for the wait - chat with us: "Reply STOP to opt out"...');
    expect(countSegments(fixed)).toMatchObject({ encoding: "GSM-7", segments: 1 });
  });

  it("never touches letters or emoji, which are the customer's words", () => {
    const text = "Zoë, ça va? 👋";
    expect(replaceableCharacters(text)).toEqual([]);
    expect(withGsmLookalikes(text)).toBe(text);
  });
});
