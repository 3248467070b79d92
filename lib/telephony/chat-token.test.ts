import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHAT_TOKEN_TTL_SECONDS, signChatToken, verifyChatToken } from "./chat-token";

const KEY = "0123456789abcdef0123456789abcdef";
const NOW = new Date("2026-12-04T10:00:00Z");
const claims = { journey: "4f1c6c5e-0c1f-4a53-9a55-5cbbd0b0f2a1", customer: "p_zhXoPLg5TepYxnYPdEy1o4", expiresAt: new Date(NOW.getTime() + CHAT_TOKEN_TTL_SECONDS * 1000) };

describe("sb_token", () => {
  it("verifies for its journey until it expires, and names the customer", () => {
    const token = signChatToken(KEY, claims);
    expect(token).toMatch(/^v1\.\d+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyChatToken(KEY, token, claims.journey, NOW)).toEqual({ valid: true, customer: claims.customer, expiresAt: claims.expiresAt });
    expect(verifyChatToken(KEY, token, claims.journey, new Date(claims.expiresAt.getTime() - 1))).toMatchObject({ valid: true });
    expect(verifyChatToken(KEY, token, claims.journey, claims.expiresAt)).toEqual({ valid: false, reason: "expired" });
  });

  it("is refused for another journey, another key, or with another customer or expiry written in", () => {
    const token = signChatToken(KEY, claims);
    expect(verifyChatToken(KEY, token, "another-journey", NOW)).toEqual({ valid: false, reason: "signature" });
    expect(verifyChatToken(`${KEY}x`, token, claims.journey, NOW)).toEqual({ valid: false, reason: "signature" });
    const [version, expiry, , mac] = token.split(".");
    const otherCustomer = `${version}.${expiry}.${Buffer.from("p_someoneElse0000000000").toString("base64url")}.${mac}`;
    expect(verifyChatToken(KEY, otherCustomer, claims.journey, NOW)).toEqual({ valid: false, reason: "signature" });
    const later = token.replace(`.${expiry}.`, `.${Number(expiry) + 3600}.`);
    expect(verifyChatToken(KEY, later, claims.journey, NOW)).toEqual({ valid: false, reason: "signature" });
  });

  it("calls anything that is not a token malformed, never throws", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (junk) => {
        const check = verifyChatToken(KEY, junk, claims.journey, NOW);
        expect(check.valid).toBe(false);
      }),
    );
    expect(verifyChatToken(KEY, "", claims.journey, NOW)).toEqual({ valid: false, reason: "malformed" });
    expect(verifyChatToken("", signChatToken("", claims), claims.journey, NOW)).toEqual({ valid: false, reason: "malformed" });
  });
});
