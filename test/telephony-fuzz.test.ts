import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, queryRows } from "@/db";
import { type TestDatabase, openTestDatabase } from "@/db/testing";
import { twilioSignature } from "@/lib/telephony/twilio-signature";
import { call, useConnection } from "./http";
import { AUTH_TOKEN, PUBLIC_URL, telephonyWorkspace } from "./telephony-fixtures";

/*
 * 1,000 fuzzed requests to the Twilio webhooks (docs/adr/025): 600 unsigned or wrongly signed,
 * with any body, content type and signature; 400 correctly signed whose parameters or query break
 * a rule. Every answer is 400, 403 or 422, never a 5xx, and nothing is stored.
 */

const routes = {
  voice: (await import("@/app/api/runtime/twilio/[workspaceId]/voice/route")).POST,
  gather: (await import("@/app/api/runtime/twilio/[workspaceId]/gather/route")).POST,
  "sms-status": (await import("@/app/api/runtime/twilio/[workspaceId]/sms-status/route")).POST,
  "sms-inbound": (await import("@/app/api/runtime/twilio/[workspaceId]/sms-inbound/route")).POST,
};
type Endpoint = keyof typeof routes;
const ENDPOINTS = Object.keys(routes) as Endpoint[];

let database: TestDatabase;
let db: Db;
let workspaceId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.connection.db;
  useConnection(database.connection);
  workspaceId = (await telephonyWorkspace(db)).id;
});
afterAll(() => database.cleanup());

async function stored() {
  const [row] = await queryRows<Record<string, number>>(
    db,
    sql`select (select count(*)::int from runtime_decisions) as decisions, (select count(*)::int from events) as events,
      (select count(*)::int from messages) as messages, (select count(*)::int from chat_links) as links, (select count(*)::int from opt_outs) as opt_outs,
      (select count(*)::int from journeys) as journeys, (select count(*)::int from derive_queue) as queued`,
  );
  return row;
}

const TWILIO_NAMES = ["AccountSid", "CallSid", "From", "To", "Digits", "CallStatus", "Caller", "MessageSid", "MessageStatus", "ErrorCode", "Body", "SmsSid"];
const anyText = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 }), fc.constantFrom("", "+14155550100", "STOP", "2", "delivered", "CA0123456789abcdef", "%", "%ZZ", "a=b&c"));
const formPairs = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...TWILIO_NAMES), fc.string({ maxLength: 12 })), anyText), { maxLength: 12 });
const query = fc.oneof(fc.constant(""), fc.constantFrom("point=ivr_offer", "decision=x", "message=y", "point=%00", "wait=-1"), fc.string({ maxLength: 30 }).map(encodeURIComponent));

const pathOf = (endpoint: Endpoint, q: string) => `/api/runtime/twilio/${workspaceId}/${endpoint}${q ? `?${q}` : ""}`;

async function post(endpoint: Endpoint, q: string, body: string | Uint8Array, contentType: string, signature: string | null) {
  return call(routes[endpoint], "POST", pathOf(endpoint, q), {
    rawBody: body,
    contentType,
    headers: signature === null ? {} : { "x-twilio-signature": signature },
    params: { workspaceId },
  });
}

describe("fuzzed webhook requests", () => {
  it("600 unsigned or wrongly signed requests: 403 every time, nothing stored", async () => {
    const before = await stored();
    const statuses = new Map<number, number>();
    const forgery = fc.oneof(
      fc.constant(null),
      fc.string({ maxLength: 40 }),
      fc.base64String({ minLength: 28, maxLength: 28 }),
      // Twilio's own signature, but over another URL, with another token, or before the body was changed.
      fc.constantFrom("other-url", "other-token", "changed-body"),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ENDPOINTS),
        query,
        fc.oneof(formPairs.map((pairs) => new URLSearchParams(pairs).toString()), fc.uint8Array({ maxLength: 200 }), fc.string({ maxLength: 200 })),
        fc.constantFrom("application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8", "application/json", "text/plain", "multipart/form-data"),
        forgery,
        async (endpoint, q, body, contentType, forged) => {
          const params = typeof body === "string" && contentType.startsWith("application/x-www-form-urlencoded") ? [...new URLSearchParams(body)] : [];
          const signature =
            forged === "other-url"
              ? twilioSignature(AUTH_TOKEN, `https://elsewhere.example.com${pathOf(endpoint, q)}`, params)
              : forged === "other-token"
                ? twilioSignature("ffffffffffffffffffffffffffffffff", `${PUBLIC_URL}${pathOf(endpoint, q)}`, params)
                : forged === "changed-body"
                  ? twilioSignature(AUTH_TOKEN, `${PUBLIC_URL}${pathOf(endpoint, q)}`, [...params, ["SignedButNotSent", "1"]])
                  : forged;
          const response = await post(endpoint, q, body, contentType, signature);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          expect(response.status).toBe(403);
        },
      ),
      { numRuns: 600 },
    );
    expect([...statuses.keys()]).toEqual([403]);
    expect(await stored()).toEqual(before);
  }, 600_000);

  it("400 signed requests that break a rule: 400 or 422, never a 5xx, nothing stored", async () => {
    const before = await stored();
    const statuses = new Map<number, number>();
    const valid: Record<Endpoint, { query: string; params: [string, string][] }> = {
      voice: { query: "", params: [["CallSid", "CA00000000000000000000000000000001"], ["From", "+14155550100"]] },
      gather: { query: "decision=00000000-0000-0000-0000-000000000000", params: [["CallSid", "CA00000000000000000000000000000001"], ["From", "+14155550100"], ["Digits", "2"]] },
      "sms-status": { query: "message=00000000-0000-0000-0000-000000000000", params: [["MessageSid", "SM00000000000000000000000000000001"], ["MessageStatus", "delivered"]] },
      "sms-inbound": { query: "", params: [["MessageSid", "SM00000000000000000000000000000001"], ["From", "+14155550100"], ["Body", "STOP"]] },
    };
    type Breakage = (endpoint: Endpoint, request: { query: string; params: [string, string][] }) => { query: string; params: [string, string][]; contentType?: string };
    const notSid = fc.string({ maxLength: 30 }).filter((value) => !/^[A-Za-z]{2}[A-Za-z0-9]{1,62}$/.test(value));
    const breakages: fc.Arbitrary<Breakage>[] = [
      // A required parameter missing (each valid request lists its required ones first, two of them).
      fc.nat().map((i): Breakage => (_, r) => ({ ...r, params: r.params.filter((_, j) => j !== i % 2) })),
      // A SID that is not one.
      notSid.map((bad): Breakage => (_, r) => ({ ...r, params: r.params.map(([n, v]) => [n, /Sid$/.test(n) ? bad : v]) })),
      // A parameter we read sent twice with different values.
      fc.string({ minLength: 1, maxLength: 10 }).map((other): Breakage => (_, r) => ({ ...r, params: [...r.params, [r.params[0][0], `${r.params[0][1]}${other}`]] })),
      // Keys that are not keys, a status Twilio never sends, a body too long.
      fc.string({ minLength: 1, maxLength: 10 }).filter((d) => !/^[0-9*#]*$/.test(d)).map((digits): Breakage => (endpoint, r) =>
        endpoint === "gather" ? { ...r, params: r.params.map(([n, v]) => [n, n === "Digits" ? digits : v]) }
        : endpoint === "sms-status" ? { ...r, params: r.params.map(([n, v]) => [n, n === "MessageStatus" ? `x${digits}` : v]) }
        : endpoint === "sms-inbound" ? { ...r, params: r.params.map(([n, v]) => [n, n === "Body" ? "x".repeat(10_001) : v]) }
        : { ...r, query: `point=${encodeURIComponent(digits)}` },
      ),
      // A query that breaks its rules, or is missing (sms-inbound reads no query: its From goes instead).
      fc.constantFrom("wait=-5", "wait=1.5", "wait=99999999", "point=web_nudge", "decision=", "message=a%20b", "callType=Not%20A%20Slug").map((bad): Breakage => (endpoint, r) =>
        endpoint === "sms-inbound" ? { ...r, params: r.params.filter(([n]) => n !== "From") }
        : endpoint === "voice" ? { ...r, query: bad.startsWith("decision") || bad.startsWith("message") ? "point=sms_link" : bad }
        : { ...r, query: bad.startsWith("wait") || bad.startsWith("point") || bad.startsWith("callType") ? "" : bad },
      ),
      // Signed, but not form-encoded.
      fc.constantFrom("application/json", "text/plain").map((contentType): Breakage => (_, r) => ({ ...r, params: [], contentType })),
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ENDPOINTS), fc.oneof(...breakages), fc.array(fc.tuple(fc.constantFrom("AccountSid", "ApiVersion", "X-Extra"), anyText), { maxLength: 3 }), async (endpoint, breakage, extra) => {
        const broken = breakage(endpoint, valid[endpoint]);
        const params = broken.contentType ? [] : [...broken.params, ...extra];
        // Over the URL as Twilio's libraries write it (WHATWG-normalised: a quote in the query is %27).
        const signature = twilioSignature(AUTH_TOKEN, new URL(`${PUBLIC_URL}${pathOf(endpoint, broken.query)}`).toString(), params);
        const body = broken.contentType ? JSON.stringify({ CallSid: "CA1" }) : new URLSearchParams(params).toString();
        const response = await post(endpoint, broken.query, body, broken.contentType ?? "application/x-www-form-urlencoded", signature);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect([400, 422]).toContain(response.status);
      }),
      { numRuns: 400 },
    );
    expect([...statuses.keys()].every((status) => status === 400 || status === 422)).toBe(true);
    expect(await stored()).toEqual(before);
  }, 600_000);
});
