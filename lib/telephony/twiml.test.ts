import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeXml, gather, hangup, redirect, say, twiml } from "./twiml";

const unescape = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" })[name]!);

describe("twiml", () => {
  it("builds the offer: a Gather around the prompt, then the fallback", () => {
    const xml = twiml(gather({ action: "https://sb.example/api/runtime/twilio/w/gather?decision=d&x=1" }, say("Press 2 & we'll text you <a link>.")), redirect("https://ivr.example/queue"));
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response>' +
        '<Gather numDigits="1" action="https://sb.example/api/runtime/twilio/w/gather?decision=d&amp;x=1" method="POST" timeout="5" actionOnEmptyResult="true">' +
        "<Say>Press 2 &amp; we&apos;ll text you &lt;a link&gt;.</Say>" +
        "</Gather>" +
        '<Redirect method="POST">https://ivr.example/queue</Redirect>' +
        "</Response>",
    );
  });

  it("writes an empty verb and an empty response as empty elements", () => {
    expect(twiml(say("Thanks."), hangup())).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Say>Thanks.</Say><Hangup/></Response>');
    expect(twiml()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });

  it("keeps any prompt one text node that reads back as the prompt, minus what XML cannot carry", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 120 }), (prompt) => {
        const xml = twiml(say(prompt));
        const inner = /^<\?xml version="1.0" encoding="UTF-8"\?><Response>(?:<Say>(.*)<\/Say>|<Say\/>)<\/Response>$/s.exec(xml);
        expect(inner).not.toBeNull();
        const text = inner![1] ?? "";
        expect(text).not.toMatch(/[<>"']/);
        expect(text).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
        expect(text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
        expect(text.isWellFormed()).toBe(true);
        const kept = prompt.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "");
        expect(unescape(text)).toBe(kept);
      }),
    );
  }, 30_000);

  it("escapes attribute values", () => {
    expect(escapeXml(`a"b'c<d>&e`)).toBe("a&quot;b&apos;c&lt;d&gt;&amp;e");
  });
});
