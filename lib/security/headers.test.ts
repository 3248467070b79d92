import { describe, expect, it } from "vitest";
import { createNonce, pageContentSecurityPolicy } from "./headers";

/** The policy as directive name → its sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(";").map((part) => part.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
}

describe("pageContentSecurityPolicy", () => {
  const production = directives(pageContentSecurityPolicy({ nonce: "bm9uY2U=", https: false, development: false }));

  it("runs only scripts that carry the response's nonce or that those scripts load", () => {
    expect(production.get("script-src")).toEqual(["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'"]);
  });

  it("allows no plugins, no other base, no form posts elsewhere and no framing", () => {
    expect(production.get("object-src")).toEqual(["'none'"]);
    expect(production.get("base-uri")).toEqual(["'self'"]);
    expect(production.get("form-action")).toEqual(["'self'"]);
    expect(production.get("frame-ancestors")).toEqual(["'none'"]);
    expect(production.get("default-src")).toEqual(["'self'"]);
    expect(production.get("connect-src")).toEqual(["'self'"]);
  });

  it("upgrades requests only on https, where the https port exists", () => {
    expect(production.has("upgrade-insecure-requests")).toBe(false);
    const https = directives(pageContentSecurityPolicy({ nonce: "bm9uY2U=", https: true, development: false }));
    expect(https.has("upgrade-insecure-requests")).toBe(true);
  });

  it("allows eval only in development", () => {
    expect(production.get("script-src")).not.toContain("'unsafe-eval'");
    const development = directives(pageContentSecurityPolicy({ nonce: "bm9uY2U=", https: false, development: true }));
    expect(development.get("script-src")).toContain("'unsafe-eval'");
  });
});

describe("createNonce", () => {
  it("gives 128 random bits as base64, new for each response", () => {
    const nonces = new Set(Array.from({ length: 1_000 }, createNonce));
    expect(nonces.size).toBe(1_000);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
