import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as readSettings, PATCH as patchSettings } from "@/app/api/v1/settings/route";
import type { Db } from "@/db";
import { listAudit } from "@/db/queries/audit";
import { type TestDatabase, openTestDatabase } from "@/db/testing";
import { makeApiKey, makeWorkspace } from "./factories";
import { call, useConnection } from "./http";

/*
 * The telephony settings through GET/PATCH /api/v1/settings (docs/adr/025): every field can be
 * set and read back, but the Twilio auth token is write-only: never returned, audited only as
 * "set" or "not set".
 */

const TOKEN = "5ecre7t0ken5ecre7t0ken5ecre7t0ke";
const OTHER_TOKEN = "an0therT0kenan0therT0kenan0therT";

let database: TestDatabase;
let db: Db;
let workspaceId: string;
let readKey: string;
let writeKey: string;

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.connection.db;
  useConnection(database.connection);
  workspaceId = (await makeWorkspace(db, { name: "Acme" })).id;
  readKey = await makeApiKey(db, workspaceId, ["metrics:read"]);
  writeKey = await makeApiKey(db, workspaceId, ["settings:write"]);
});
afterAll(() => database.cleanup());

const read = () => call(readSettings, "GET", "/api/v1/settings", { key: readKey });
const patch = (body: unknown) => call(patchSettings, "PATCH", "/api/v1/settings", { key: writeKey, body });

describe("telephony settings", () => {
  it("start as the outbox with nothing configured", async () => {
    expect((await read()).json).toMatchObject({ smsProvider: "outbox", publicUrl: null, chatUrl: null, twilioAccountSid: null, twilioAuthTokenSet: false, smsFrom: null, quietHours: null, fallbackUrl: null });
  });

  it("are set by PATCH and read back, the auth token only as set", async () => {
    const changed = await patch({
      smsProvider: "twilio",
      publicUrl: "https://switchboard.example.com/",
      chatUrl: "https://chat.example.com/start",
      twilioAccountSid: `AC${"ab".repeat(16)}`,
      twilioAuthToken: TOKEN,
      smsFrom: "+1 415 555 0100",
      quietHours: { start: "21:00", end: "08:00" },
      fallbackUrl: "https://ivr.example.com/queue",
    });
    expect(changed.status).toBe(200);
    const expected = {
      smsProvider: "twilio",
      publicUrl: "https://switchboard.example.com",
      chatUrl: "https://chat.example.com/start",
      twilioAccountSid: `AC${"ab".repeat(16)}`,
      twilioAuthTokenSet: true,
      smsFrom: "+14155550100",
      quietHours: { start: "21:00", end: "08:00" },
      fallbackUrl: "https://ivr.example.com/queue",
    };
    expect(changed.json).toMatchObject(expected);
    const shown = await read();
    expect(shown.json).toMatchObject(expected);
    for (const response of [changed, shown]) {
      expect(response.json).not.toHaveProperty("twilioAuthToken");
      expect(response.text).not.toContain(TOKEN);
      expect(response.json).not.toHaveProperty("customerKeySecret");
      expect(response.json).not.toHaveProperty("chatTokenSecret");
    }
  });

  it("audit the auth token as set, replaced or not set, never its value", async () => {
    await patch({ twilioAuthToken: OTHER_TOKEN });
    await patch({ twilioAuthToken: null, quietHours: null });
    const entries = await listAudit(db, workspaceId, { entityType: "settings" });
    const text = JSON.stringify(entries);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(OTHER_TOKEN);
    const tokenStates = entries.map((entry) => [(entry.before as Record<string, unknown>).twilioAuthToken, (entry.after as Record<string, unknown>).twilioAuthToken]);
    expect(tokenStates).toEqual(
      expect.arrayContaining([
        ["not set", "set"],
        ["set", "set (new token)"],
        ["set", "not set"],
      ]),
    );
    expect((await read()).json).toMatchObject({ twilioAuthTokenSet: false, quietHours: null, smsProvider: "twilio" });
  });

  it("refuses invalid values with a 422 that names the field, and changes nothing", async () => {
    const before = (await read()).json;
    for (const [body, path] of [
      [{ publicUrl: "switchboard.example.com" }, "publicUrl"],
      [{ chatUrl: "javascript:alert(1)" }, "chatUrl"],
      [{ twilioAuthToken: "x" }, "twilioAuthToken"],
      [{ quietHours: { start: "08:00", end: "08:00" } }, "quietHours.end"],
      [{ smsProvider: "carrier" }, "smsProvider"],
    ] as const) {
      const response = await patch(body);
      expect(response.status).toBe(422);
      expect(response.json.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect((await read()).json).toEqual(before);
  });
});
