import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type FormParams, isValidTwilioSignature, signedPayload, twilioSignature, urlForms } from "./twilio-signature";

/** Twilio's published example (docs "Webhooks security", api-snippets signature_validation). */
const EXAMPLE = {
  token: "12345",
  url: "https://mycompany.com/myapp.php?foo=1&bar=2",
  params: [
    ["CallSid", "CA1234567890ABCDE"],
    ["Caller", "+12349013030"],
    ["Digits", "1234"],
    ["From", "+12349013030"],
    ["To", "+18005551212"],
  ] as FormParams,
  signature: "0/KCTR6DLpKmkAf8muzZqo1nDgQ=",
};

describe("Twilio's published example", () => {
  it("computes its signature", () => {
    expect(twilioSignature(EXAMPLE.token, EXAMPLE.url, EXAMPLE.params)).toBe(EXAMPLE.signature);
  });

  it("accepts it whatever order the parameters came in", () => {
    expect(isValidTwilioSignature(EXAMPLE.token, EXAMPLE.signature, EXAMPLE.url, [...EXAMPLE.params].reverse())).toBe(true);
  });

  it("accepts it with the default port written out, and a signature made over the URL with the port", () => {
    expect(isValidTwilioSignature(EXAMPLE.token, EXAMPLE.signature, "https://mycompany.com:443/myapp.php?foo=1&bar=2", EXAMPLE.params)).toBe(true);
    const withPort = twilioSignature(EXAMPLE.token, "https://mycompany.com:443/myapp.php?foo=1&bar=2", EXAMPLE.params);
    expect(isValidTwilioSignature(EXAMPLE.token, withPort, EXAMPLE.url, EXAMPLE.params)).toBe(true);
  });

  it("refuses it on another port, scheme or query order", () => {
    expect(isValidTwilioSignature(EXAMPLE.token, EXAMPLE.signature, "https://mycompany.com:8443/myapp.php?foo=1&bar=2", EXAMPLE.params)).toBe(false);
    expect(isValidTwilioSignature(EXAMPLE.token, EXAMPLE.signature, "http://mycompany.com/myapp.php?foo=1&bar=2", EXAMPLE.params)).toBe(false);
    expect(isValidTwilioSignature(EXAMPLE.token, EXAMPLE.signature, "https://mycompany.com/myapp.php?bar=2&foo=1", EXAMPLE.params)).toBe(false);
  });

  it("refuses a missing, empty or truncated signature, and an empty token", () => {
    expect(isValidTwilioSignature(EXAMPLE.token, null, EXAMPLE.url, EXAMPLE.params)).toBe(false);
    expect(isValidTwilioSignature(EXAMPLE.token, "", EXAMPLE.url, EXAMPLE.params)).toBe(false);
    expect(isValidTwilioSignature(EXAMPLE.token, EXAMPLE.signature.slice(0, -1), EXAMPLE.url, EXAMPLE.params)).toBe(false);
    expect(isValidTwilioSignature("", twilioSignature("", EXAMPLE.url, EXAMPLE.params), EXAMPLE.url, EXAMPLE.params)).toBe(false);
  });
});

describe("repeated parameter names", () => {
  it("sign each distinct value in sorted order, as Twilio's libraries do", () => {
    expect(signedPayload("https://a.example/x", [["b", "2"], ["a", "z"], ["b", "1"], ["a", "y"]])).toBe("https://a.example/xayazb1b2");
    const params: FormParams = [["MediaUrl", "https://m/2"], ["MediaUrl", "https://m/1"]];
    const signature = twilioSignature("t0ken", "https://a.example/x", params);
    expect(isValidTwilioSignature("t0ken", signature, "https://a.example/x", [...params].reverse())).toBe(true);
    expect(isValidTwilioSignature("t0ken", signature, "https://a.example/x", [params[0]])).toBe(false);
  });
});

describe("urlForms", () => {
  it.each([
    ["https://x.example/a?b=1", ["https://x.example/a?b=1", "https://x.example:443/a?b=1"]],
    ["http://x.example", ["http://x.example", "http://x.example:80"]],
    ["https://x.example:443/a", ["https://x.example:443/a", "https://x.example/a"]],
    ["http://127.0.0.1:3313/a", ["http://127.0.0.1:3313/a"]],
  ])("%s", (url, forms) => {
    expect(urlForms(url)).toEqual(forms);
  });

  it("refuses what is not an http(s) URL", () => {
    expect(urlForms("ftp://x.example/")).toBeNull();
    expect(urlForms("/relative")).toBeNull();
  });
});

describe("any change gives a mismatch", () => {
  const NAMES = ["AccountSid", "ApiVersion", "CallSid", "CallStatus", "Called", "Caller", "Digits", "Direction", "From", "FromCity", "To", "ToCountry"];
  const params = fc.uniqueArray(fc.tuple(fc.constantFrom(...NAMES), fc.string({ maxLength: 20 })), { selector: ([name]) => name, minLength: 1, maxLength: NAMES.length });
  const url = fc.webUrl({ withQueryParameters: true }).filter((u) => urlForms(u) !== null);
  const token = fc.string({ minLength: 1, maxLength: 40 });

  type Mutation = (input: { token: string; url: string; params: [string, string][] }) => { token: string; url: string; params: [string, string][] } | null;
  const mutations: Record<string, fc.Arbitrary<Mutation>> = {
    "a value": fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 5 })).map(([i, extra]): Mutation => (input) => {
      const params = input.params.map(([n, v]) => [n, v] as [string, string]);
      params[i % params.length][1] += extra;
      return { ...input, params };
    }),
    "a parameter added": fc.tuple(fc.constantFrom(...NAMES), fc.string({ maxLength: 10 })).map(([name, value]): Mutation => (input) =>
      input.params.some(([n]) => n === name) ? null : { ...input, params: [...input.params, [name, value]] },
    ),
    "a parameter removed": fc.nat().map((i): Mutation => (input) => ({ ...input, params: input.params.filter((_, j) => j !== i % input.params.length) })),
    "the URL": fc.tuple(fc.nat(), fc.constantFrom("x", "/", "?", "%20", "1")).map(([i, inserted]): Mutation => (input) => {
      const at = i % (input.url.length + 1);
      return { ...input, url: input.url.slice(0, at) + inserted + input.url.slice(at) };
    }),
    "the token": fc.string({ minLength: 1, maxLength: 3 }).map((extra): Mutation => (input) => ({ ...input, token: input.token + extra })),
  };

  for (const [what, mutation] of Object.entries(mutations)) {
    it(`when ${what} changes`, () => {
      fc.assert(
        fc.property(token, url, params, mutation, (t, u, p, mutate) => {
          const original = { token: t, url: u, params: p };
          const signature = twilioSignature(t, u, p);
          expect(isValidTwilioSignature(t, signature, u, p)).toBe(true);
          const changed = mutate(original);
          fc.pre(changed !== null);
          // Only the default port written out or left off is the same URL (tested above).
          fc.pre(changed!.url === u || !urlForms(u)!.includes(changed!.url));
          expect(isValidTwilioSignature(changed!.token, signature, changed!.url, changed!.params)).toBe(false);
        }),
        { numRuns: 200 },
      );
    });
  }
});
