import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("stops production start-up without AUTH_SECRET, with a message that says what to do", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(EnvError);
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/AUTH_SECRET is not set/);
  });

  it("accepts AUTH_SECRET or NEXTAUTH_SECRET in production, and a development default otherwise", () => {
    expect(parseEnv({ NODE_ENV: "production", AUTH_SECRET: "a".repeat(32) }).authSecret).toBe("a".repeat(32));
    expect(parseEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "b".repeat(32) }).authSecret).toBe("b".repeat(32));
    expect(parseEnv({ NODE_ENV: "development" }).authSecret.length).toBeGreaterThan(16);
  });

  it("refuses a production AUTH_SECRET shorter than 32 bytes", () => {
    expect(() => parseEnv({ NODE_ENV: "production", AUTH_SECRET: "a".repeat(31) })).toThrow(/AUTH_SECRET has 31 bytes; a production server needs at least 32/);
    expect(parseEnv({ NODE_ENV: "development", AUTH_SECRET: "a".repeat(16) }).authSecret).toBe("a".repeat(16));
  });

  it("is in demo mode in development on the embedded database, and in production only when asked", () => {
    expect(parseEnv({ NODE_ENV: "production", AUTH_SECRET: "a".repeat(32) }).demoMode).toBe(false);
    expect(parseEnv({ NODE_ENV: "production", AUTH_SECRET: "a".repeat(32), SWITCHBOARD_DEMO: "1" }).demoMode).toBe(true);
    expect(parseEnv({}).demoMode).toBe(true);
    expect(parseEnv({ DATABASE_URL: "postgres://localhost/x" }).demoMode).toBe(false);
    expect(parseEnv({ DATABASE_URL: "postgres://localhost/x", SWITCHBOARD_DEMO: "1" }).demoMode).toBe(true);
    expect(parseEnv({ SWITCHBOARD_DEMO: "0" }).demoMode).toBe(false);
  });

  it("refuses a DATABASE_URL that is not postgres and a partial single sign-on set-up", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://localhost/x" })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ OIDC_ISSUER: "https://login.example.com" })).toThrow(/OIDC_CLIENT_ID/);
    expect(parseEnv({ OIDC_ISSUER: "https://login.example.com", OIDC_CLIENT_ID: "id", OIDC_CLIENT_SECRET: "s" }).oidcEnabled).toBe(true);
  });
});
