import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/events/route";
import { type Db, queryRows } from "@/db";
import { events } from "@/db/schema";
import { type TestDatabase, openTestDatabase } from "@/db/testing";
import { customerKeyFromPhone } from "@/lib/customers/phone-key";
import { makeApiKey, makeWorkspace } from "./factories";
import { call, useConnection } from "./http";

/*
 * `customerPhone` through POST /api/v1/events (DESIGN.md "Events", docs/adr/027): keyed with the
 * workspace's secret, never stored; phone numbers and e-mail addresses anywhere else are a 422
 * that stores nothing.
 */

let database: TestDatabase;
let db: Db;
let workspaceId: string;
let otherId: string;
let key: string;
let otherKey: string;

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.connection.db;
  useConnection(database.connection);
  workspaceId = (await makeWorkspace(db)).id;
  otherId = (await makeWorkspace(db)).id;
  key = await makeApiKey(db, workspaceId, ["events:write"]);
  otherKey = await makeApiKey(db, otherId, ["events:write"]);
});
afterAll(() => database.cleanup());

const secretOf = async (id: string) => (await queryRows<{ s: string }>(db, sql`select customer_key_secret as s from workspaces where id = ${id}`))[0].s;
const received = (id: string, extra: Record<string, unknown>) => ({ id, type: "call.received", occurredAt: "2026-12-02T11:58:10Z", callType: "billing", ...extra });
const rowsOf = async (id: string) => db.select().from(events).where(eq(events.workspaceId, id));

describe("customerPhone in POST /api/v1/events", () => {
  it("stores the workspace's key of the number, the same however it is written, and a different key in another workspace", async () => {
    const answer = await call(POST, "POST", "/api/v1/events", {
      key,
      body: { events: [received("p1", { customerPhone: "+1 (415) 555-0100" }), received("p2", { customerPhone: "tel:+14155550100" }), received("p3", { customer: "c_1" })] },
    });
    expect(answer).toMatchObject({ status: 200, json: { accepted: 3, duplicates: 0 } });
    await call(POST, "POST", "/api/v1/events", { key: otherKey, body: { events: [received("p1", { customerPhone: "+14155550100" })] } });

    const mine = customerKeyFromPhone(await secretOf(workspaceId), "+14155550100");
    const theirs = customerKeyFromPhone(await secretOf(otherId), "+14155550100");
    expect(mine).not.toBe(theirs);
    expect((await rowsOf(workspaceId)).map((row) => [row.id, row.customer]).sort()).toEqual([["p1", mine], ["p2", mine], ["p3", "c_1"]]);
    expect((await rowsOf(otherId)).map((row) => row.customer)).toEqual([theirs]);
    const [dump] = await queryRows<{ text: string }>(db, sql`select string_agg(e::text, ' ') as text from events e`);
    expect(dump.text).not.toMatch(/4155550100|555-0100/);
  });

  it("keys an id the import derived from a row that held the number", async () => {
    const derived = "csv-00112233445566778899aabbccddeeff";
    expect((await call(POST, "POST", "/api/v1/events", { key, body: { events: [received(derived, { customerPhone: "+14155550199" })] } })).json).toEqual({ accepted: 1, duplicates: 0 });
    const ids = (await rowsOf(workspaceId)).map((row) => row.id);
    expect(ids).not.toContain(derived);
    expect(ids.filter((id) => /^csv-[0-9a-f]{32}$/.test(id))).toHaveLength(1);
    // The same row again is a duplicate: the keyed id is deterministic.
    expect((await call(POST, "POST", "/api/v1/events", { key, body: { events: [received(derived, { customerPhone: "+14155550199" })] } })).json).toEqual({ accepted: 0, duplicates: 1 });
  });

  it("refuses the whole batch, storing nothing, for a number it cannot read, both customer fields, or a number or address elsewhere", async () => {
    const before = (await rowsOf(workspaceId)).length;
    const answer = await call(POST, "POST", "/api/v1/events", {
      key,
      body: {
        events: [
          received("ok-1", { customer: "c_2" }),
          received("bad-1", { customerPhone: "anonymous" }),
          received("bad-2", { customer: "c_3", customerPhone: "+14155550100" }),
          received("bad-3", { customer: "+14155550100" }),
          received("bad-4", { customer: "c_4", attributes: { "CustomerEndpoint.Address": "+14155550100" } }),
          received("bad-5", { customer: "dana@example.com" }),
        ],
      },
    });
    expect(answer.status).toBe(422);
    expect(answer.json.error.details.map((detail: { index: number; path: string }) => `${detail.index} ${detail.path}`)).toEqual(["1 customerPhone", "2 customerPhone", "3 customer", "4 attributes", "5 customer"]);
    expect(answer.json.error.details[2].message).toMatch(/use it as the customer phone/);
    expect(answer.json.error.details[3].message).toMatch(/use it as the customer phone/);
    expect((await rowsOf(workspaceId)).length).toBe(before);
  });
});
