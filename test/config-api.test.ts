import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as ruleItem from "@/app/api/v1/escalation-rules/[id]/route";
import * as rulePublish from "@/app/api/v1/escalation-rules/[id]/publish/route";
import * as rules from "@/app/api/v1/escalation-rules/route";
import * as offerItem from "@/app/api/v1/ivr-offers/[id]/route";
import * as offerPublish from "@/app/api/v1/ivr-offers/[id]/publish/route";
import * as offers from "@/app/api/v1/ivr-offers/route";
import * as templateItem from "@/app/api/v1/sms-templates/[id]/route";
import * as templatePublish from "@/app/api/v1/sms-templates/[id]/publish/route";
import * as templateVersions from "@/app/api/v1/sms-templates/[id]/versions/route";
import * as preview from "@/app/api/v1/sms-templates/preview/route";
import * as templates from "@/app/api/v1/sms-templates/route";
import type { Db } from "@/db";
import { auditLog } from "@/db/schema";
import { configVersions } from "@/db/schema-config";
import { type TestDatabase, openTestDatabase } from "@/db/testing";
import { previewSms } from "@/lib/sms/template";
import { makeApiKey, makeWorkspace } from "./factories";
import { call, useConnection } from "./http";

let database: TestDatabase;
let db: Db;
let workspaceA: string;
let workspaceB: string;
let writerA: string;
let otherWriterA: string;
let readerA: string;
let metricsOnlyA: string;
let writerB: string;

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.connection.db;
  useConnection(database.connection);
  workspaceA = (await makeWorkspace(db, { name: "Acme" })).id;
  workspaceB = (await makeWorkspace(db, { name: "Globex" })).id;
  writerA = await makeApiKey(db, workspaceA, ["config:read", "config:write"]);
  otherWriterA = await makeApiKey(db, workspaceA, ["config:read", "config:write"]);
  readerA = await makeApiKey(db, workspaceA, ["config:read"]);
  metricsOnlyA = await makeApiKey(db, workspaceA, ["metrics:read"]);
  writerB = await makeApiKey(db, workspaceB, ["config:read", "config:write"]);
});
afterAll(() => database.cleanup());

const DEFLECTION_BODY = "Hi {{first_name}}, skip the queue: chat with us at {{chat_link}} Reply STOP to opt out";

const template = (overrides: Record<string, unknown> = {}) => ({
  name: "Chat link",
  locale: "en-US",
  purpose: "deflection",
  body: DEFLECTION_BODY,
  ...overrides,
});

const offer = (smsTemplateId: string, overrides: Record<string, unknown> = {}) => ({
  name: "Press 2 for chat",
  point: "ivr_offer",
  enabled: true,
  prompt: "Press 2 and we'll text you a link to our chat assistant.",
  dtmfKey: "2",
  smsTemplateId,
  holdoutPercent: 10,
  priority: 10,
  conditions: { callTypes: ["card_arrival"] },
  ...overrides,
});

const rule = (overrides: Record<string, unknown> = {}) => ({
  name: "Asks for an agent",
  priority: 10,
  enabled: true,
  conditions: { keywords: ["agent"] },
  action: { type: "live_agent", queue: "care" },
  ...overrides,
});

async function createTemplate(key = writerA, body = template()) {
  const created = await call(templates.POST, "POST", "/api/v1/sms-templates", { key, body });
  expect(created.status).toBe(201);
  return created.json as { id: string; version: number };
}

async function publishTemplate(id: string, key = writerA, version?: number) {
  return call(templatePublish.POST, "POST", `/api/v1/sms-templates/${id}/publish`, { key, params: { id }, body: version === undefined ? undefined : { version } });
}

async function publishedTemplate() {
  const { id } = await createTemplate();
  expect((await publishTemplate(id)).status).toBe(200);
  return id;
}

const auditOf = async (entityId: string) =>
  db
    .select({ action: auditLog.action, actorLabel: auditLog.actorLabel, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.entityId, entityId)))
    .orderBy(auditLog.id);

const versionsOf = async (itemId: string) => db.select().from(configVersions).where(eq(configVersions.itemId, itemId)).orderBy(configVersions.version);

async function liveRules(key = writerA) {
  const list = await call(rules.GET, "GET", "/api/v1/escalation-rules", { key });
  return list.json.items as { id: string; name: string; status: string; publishedVersion: number | null; conditions: object }[];
}

describe("a new workspace", () => {
  it("starts with one published catch-all rule that sends everyone to the default queue", async () => {
    const items = await liveRules();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      version: 1,
      status: "published",
      publishedVersion: 1,
      updatedBy: "system",
      enabled: true,
      conditions: {},
      action: { type: "live_agent", queue: "default" },
    });
    expect(Object.keys(items[0]).slice(0, 6)).toEqual(["id", "version", "status", "publishedVersion", "updatedAt", "updatedBy"]);
    expect(await auditOf(items[0].id)).toEqual([expect.objectContaining({ action: "create", actorLabel: "system" })]);
  });
});

describe("SMS templates over the API", () => {
  it("creates a draft, saves a new version on PUT, publishes it, and answers the DESIGN.md shape", async () => {
    const created = await createTemplate();
    expect(created).toMatchObject({ version: 1, status: "draft", publishedVersion: null, updatedBy: expect.stringContaining("API key"), ...template() });

    const get = await call(templateItem.GET, "GET", `/api/v1/sms-templates/${created.id}`, { key: readerA, params: { id: created.id } });
    expect(get.json).toEqual(created);

    // Sending back a GET answer with read-only fields is fine: they are ignored.
    const put = await call(templateItem.PUT, "PUT", `/api/v1/sms-templates/${created.id}`, {
      key: writerA,
      params: { id: created.id },
      body: { ...get.json, name: "Chat link v2", status: "published", publishedVersion: 99, updatedBy: "someone" },
    });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ version: 2, status: "draft", publishedVersion: null, name: "Chat link v2" });

    const published = await publishTemplate(created.id);
    expect(published.json).toMatchObject({ version: 2, status: "published", publishedVersion: 2 });

    const list = await call(templates.GET, "GET", "/api/v1/sms-templates", { key: readerA });
    expect(list.json.items.find((item: { id: string }) => item.id === created.id)).toMatchObject({ status: "published", name: "Chat link v2" });
  });

  it("refuses unknown variables, a deflection template without {{chat_link}} or opt-out wording, and names the field", async () => {
    const response = await call(templates.POST, "POST", "/api/v1/sms-templates", {
      key: writerA,
      body: template({ body: "Hi {{firstname}}, call us back" }),
    });
    expect(response.status).toBe(422);
    const messages = response.json.error.details.map((detail: { path: string; message: string }) => `${detail.path}: ${detail.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([expect.stringMatching(/^body: \{\{firstname\}\} is not a variable/), expect.stringMatching(/^body: .*\{\{chat_link\}\}/), expect.stringMatching(/^body: .*opt out/)]),
    );
  });

  it("previews like the editor: same text, encoding, segments and units", async () => {
    const body = "Bonjour {{first_name}} 👋 {{chat_link}} {{nope}}";
    const response = await call(preview.POST, "POST", "/api/v1/sms-templates/preview", { key: readerA, body: { body, vars: { first_name: "Zoë" } } });
    expect(response.status).toBe(200);
    expect(response.json).toEqual(previewSms(body, { first_name: "Zoë" }));
    expect(response.json).toMatchObject({ encoding: "UCS-2", unknownVariables: ["nope"] });
    expect(Object.keys(response.json)).toEqual(["text", "encoding", "segments", "units", "unknownVariables"]);

    const bad = await call(preview.POST, "POST", "/api/v1/sms-templates/preview", { key: readerA, body: { body: 12 } });
    expect(bad.status).toBe(422);
    expect((await call(preview.POST, "POST", "/api/v1/sms-templates/preview", { key: metricsOnlyA, body: { body: "x" } })).status).toBe(403);
  });

  it("keeps every version, and publishing an older one rolls back", async () => {
    const { id } = await createTemplate();
    await publishTemplate(id);
    await call(templateItem.PUT, "PUT", `/api/v1/sms-templates/${id}`, { key: writerA, params: { id }, body: { ...template({ name: "Second" }), version: 1 } });
    await publishTemplate(id);
    const rolledBack = await publishTemplate(id, writerA, 1);
    expect(rolledBack.json).toMatchObject({ version: 2, publishedVersion: 1, status: "draft", name: "Second" });

    const history = await call(templateVersions.GET, "GET", `/api/v1/sms-templates/${id}/versions`, { key: readerA, params: { id } });
    expect(history.json.items.map((v: { version: number; published: boolean; name: string }) => [v.version, v.published, v.name])).toEqual([
      [2, false, "Second"],
      [1, true, "Chat link"],
    ]);
    expect((await auditOf(id)).map((entry) => entry.action)).toEqual(["create", "publish", "update", "publish", "rollback"]);

    const missing = await publishTemplate(id, writerA, 7);
    expect(missing.status).toBe(422);
    expect(missing.json.error.details[0].path).toBe("version");
  });

  it("will not delete a template an IVR offer links to", async () => {
    const templateId = await publishedTemplate();
    const created = await call(offers.POST, "POST", "/api/v1/ivr-offers", { key: writerA, body: offer(templateId, { dtmfKey: "7", name: "Linked" }) });
    expect(created.status).toBe(201);
    const refused = await call(templateItem.DELETE, "DELETE", `/api/v1/sms-templates/${templateId}`, { key: writerA, params: { id: templateId } });
    expect(refused.status).toBe(422);
    expect(refused.json.error.message).toContain('"Linked"');
    await call(offerItem.DELETE, "DELETE", `/api/v1/ivr-offers/${created.json.id}`, { key: writerA, params: { id: created.json.id } });
    expect((await call(templateItem.DELETE, "DELETE", `/api/v1/sms-templates/${templateId}`, { key: writerA, params: { id: templateId } })).status).toBe(204);
    expect((await call(templateItem.GET, "GET", `/api/v1/sms-templates/${templateId}`, { key: writerA, params: { id: templateId } })).status).toBe(404);
  });
});

describe("optimistic concurrency", () => {
  it("answers a stale PUT with 409 naming who changed it, and changes nothing", async () => {
    const { id } = await createTemplate();
    const first = await call(templateItem.PUT, "PUT", `/api/v1/sms-templates/${id}`, {
      key: otherWriterA,
      params: { id },
      body: { ...template({ name: "Their edit" }), version: 1 },
    });
    expect(first.status).toBe(200);
    const versionsBefore = await versionsOf(id);
    const auditBefore = await auditOf(id);

    const stale = await call(templateItem.PUT, "PUT", `/api/v1/sms-templates/${id}`, {
      key: writerA,
      params: { id },
      body: { ...template({ name: "My edit" }), version: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe("conflict");
    expect(stale.json.error.message).toMatch(/changed by API key .* version 2; you edited version 1/);

    const after = await call(templateItem.GET, "GET", `/api/v1/sms-templates/${id}`, { key: writerA, params: { id } });
    expect(after.json).toMatchObject({ version: 2, name: "Their edit" });
    expect(await versionsOf(id)).toEqual(versionsBefore);
    expect(await auditOf(id)).toEqual(auditBefore);
  });

  it("loses nothing when two supervisors save at the same moment: one wins, the other is told", async () => {
    const { id } = await createTemplate();
    const edits = ["Edit by one", "Edit by two"];
    const results = await Promise.all(
      edits.map((name, index) =>
        call(templateItem.PUT, "PUT", `/api/v1/sms-templates/${id}`, {
          key: index === 0 ? writerA : otherWriterA,
          params: { id },
          body: { ...template({ name }), version: 1 },
        }),
      ),
    );
    expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
    const winner = results.find((result) => result.status === 200)!;
    const stored = await versionsOf(id);
    expect(stored.map((version) => version.version)).toEqual([1, 2]);
    expect(stored[1].data).toMatchObject({ name: winner.json.name });
    expect((await auditOf(id)).map((entry) => entry.action)).toEqual(["create", "update"]);

    // The one who was told reloads (version 2) and saves again: both edits are in the history.
    const loser = edits.find((name) => name !== winner.json.name)!;
    const retry = await call(templateItem.PUT, "PUT", `/api/v1/sms-templates/${id}`, {
      key: writerA,
      params: { id },
      body: { ...template({ name: loser }), version: 2 },
    });
    expect(retry.json).toMatchObject({ version: 3, name: loser });
  });

  it("serializes edits of many items at once without losing any", async () => {
    const items = await Promise.all([1, 2, 3, 4].map(() => createTemplate()));
    const results = await Promise.all(
      items.flatMap(({ id }) =>
        ["a", "b"].map((suffix) =>
          call(templateItem.PUT, "PUT", `/api/v1/sms-templates/${id}`, { key: writerA, params: { id }, body: { ...template({ name: `${id}-${suffix}` }), version: 1 } }),
        ),
      ),
    );
    expect(results.filter((result) => result.status === 200)).toHaveLength(4);
    expect(results.filter((result) => result.status === 409)).toHaveLength(4);
    for (const { id } of items) expect((await versionsOf(id)).length).toBe(2);
  });
});

describe("the escalation safety valve", () => {
  it("refuses to publish a change that leaves no enabled catch-all reaching a person, saying why", async () => {
    const [fallback] = await liveRules();
    const edited = await call(ruleItem.PUT, "PUT", `/api/v1/escalation-rules/${fallback.id}`, {
      key: writerA,
      params: { id: fallback.id },
      body: { ...fallback, action: { type: "ticket" } },
    });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({ status: "draft", publishedVersion: 1 });

    const refused = await call(rulePublish.POST, "POST", `/api/v1/escalation-rules/${fallback.id}/publish`, { key: writerA, params: { id: fallback.id } });
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe("invalid");
    expect(refused.json.error.message).toMatch(/no conditions that sends the customer to a person/);
    const after = await call(ruleItem.GET, "GET", `/api/v1/escalation-rules/${fallback.id}`, { key: writerA, params: { id: fallback.id } });
    expect(after.json.publishedVersion).toBe(1);

    const disabled = await call(ruleItem.PUT, "PUT", `/api/v1/escalation-rules/${fallback.id}`, {
      key: writerA,
      params: { id: fallback.id },
      body: { ...fallback, version: 2, enabled: false },
    });
    expect(disabled.status).toBe(200);
    expect((await call(rulePublish.POST, "POST", `/api/v1/escalation-rules/${fallback.id}/publish`, { key: writerA, params: { id: fallback.id } })).status).toBe(422);

    const deleted = await call(ruleItem.DELETE, "DELETE", `/api/v1/escalation-rules/${fallback.id}`, { key: writerA, params: { id: fallback.id } });
    expect(deleted.status).toBe(422);
    expect((await liveRules()).find((item) => item.id === fallback.id)).toMatchObject({ publishedVersion: 1 });

    // Restore the draft so later tests start from a clean fallback.
    await call(ruleItem.PUT, "PUT", `/api/v1/escalation-rules/${fallback.id}`, {
      key: writerA,
      params: { id: fallback.id },
      body: { ...fallback, version: 3 },
    });
    expect((await call(rulePublish.POST, "POST", `/api/v1/escalation-rules/${fallback.id}/publish`, { key: writerA, params: { id: fallback.id } })).json.status).toBe("published");
  });

  it("refuses a ticket catch-all placed before the human one", async () => {
    const ticket = await call(rules.POST, "POST", "/api/v1/escalation-rules", {
      key: writerA,
      body: rule({ name: "Ticket for all", priority: 1, conditions: {}, action: { type: "ticket" } }),
    });
    const refused = await call(rulePublish.POST, "POST", `/api/v1/escalation-rules/${ticket.json.id}/publish`, { key: writerA, params: { id: ticket.json.id } });
    expect(refused.status).toBe(422);
    expect(refused.json.error.message).toContain('"Ticket for all" has no conditions and only creates a ticket');
    await call(ruleItem.DELETE, "DELETE", `/api/v1/escalation-rules/${ticket.json.id}`, { key: writerA, params: { id: ticket.json.id } });
  });

  it("lets a second human catch-all replace the first, and holds under concurrent deletes", async () => {
    const second = await call(rules.POST, "POST", "/api/v1/escalation-rules", {
      key: writerA,
      body: rule({ name: "Call back everyone", priority: 2000, conditions: {}, action: { type: "callback", withinMinutes: 30 } }),
    });
    await call(rulePublish.POST, "POST", `/api/v1/escalation-rules/${second.json.id}/publish`, { key: writerA, params: { id: second.json.id } });
    const [first] = (await liveRules()).filter((item) => item.id !== second.json.id && Object.keys(item.conditions).length === 0);

    const results = await Promise.all(
      [first.id, second.json.id].map((id) => call(ruleItem.DELETE, "DELETE", `/api/v1/escalation-rules/${id}`, { key: writerA, params: { id } })),
    );
    expect(results.map((result) => result.status).sort()).toEqual([204, 422]);
    const left = await liveRules();
    expect(left.filter((item) => Object.keys(item.conditions).length === 0 && item.publishedVersion !== null)).toHaveLength(1);
  });

  it("checks phone numbers as E.164", async () => {
    const response = await call(rules.POST, "POST", "/api/v1/escalation-rules", {
      key: writerA,
      body: rule({ action: { type: "phone_number", phoneNumber: "0800 123 456" } }),
    });
    expect(response.status).toBe(422);
    expect(response.json.error.details[0]).toMatchObject({ path: "action.phoneNumber", message: expect.stringContaining("E.164") });
  });
});

describe("IVR offers", () => {
  it("must link a published SMS template of the same workspace", async () => {
    const draft = await createTemplate();
    const unpublished = await call(offers.POST, "POST", "/api/v1/ivr-offers", { key: writerA, body: offer(draft.id) });
    expect(unpublished.status).toBe(422);
    expect(unpublished.json.error.details[0]).toMatchObject({ path: "smsTemplateId", message: expect.stringContaining("never been published") });

    const foreign = await (async () => {
      const created = await createTemplate(writerB);
      await publishTemplate(created.id, writerB);
      return created.id;
    })();
    const crossWorkspace = await call(offers.POST, "POST", "/api/v1/ivr-offers", { key: writerA, body: offer(foreign) });
    expect(crossWorkspace.status).toBe(422);
    expect(crossWorkspace.json.error.details[0]).toMatchObject({ path: "smsTemplateId", message: expect.stringContaining("no SMS template with this id") });
  });

  it("refuses to publish two enabled offers that can meet on one call with the same key", async () => {
    const templateId = await publishedTemplate();
    const create = async (body: Record<string, unknown>) => {
      const created = await call(offers.POST, "POST", "/api/v1/ivr-offers", { key: writerA, body });
      expect(created.status).toBe(201);
      return created.json.id as string;
    };
    const publish = (id: string) => call(offerPublish.POST, "POST", `/api/v1/ivr-offers/${id}/publish`, { key: writerA, params: { id } });

    const weekdays = await create(offer(templateId, { name: "Weekdays", dtmfKey: "3", conditions: { schedule: [{ days: ["mon", "tue", "wed", "thu", "fri"], start: "08:00", end: "20:00" }] } }));
    expect((await publish(weekdays)).status).toBe(200);

    const weekend = await create(offer(templateId, { name: "Weekend", dtmfKey: "3", conditions: { schedule: [{ days: ["sat", "sun"], start: "08:00", end: "20:00" }] } }));
    expect((await publish(weekend)).status).toBe(200);

    const always = await create(offer(templateId, { name: "Always", dtmfKey: "3", conditions: {} }));
    const refused = await publish(always);
    expect(refused.status).toBe(422);
    expect(refused.json.error.details[0]).toMatchObject({ path: "dtmfKey", message: expect.stringContaining("both use key 3") });

    const disabled = await create(offer(templateId, { name: "Always, off", dtmfKey: "3", enabled: false, conditions: {} }));
    expect((await publish(disabled)).status).toBe(200);
  });
});

describe("workspaces and roles", () => {
  it("answers 404 for an id of another workspace and changes nothing there", async () => {
    const { id } = await createTemplate();
    const asB = { key: writerB, params: { id } };
    expect((await call(templateItem.GET, "GET", `/api/v1/sms-templates/${id}`, asB)).status).toBe(404);
    expect((await call(templateItem.PUT, "PUT", `/api/v1/sms-templates/${id}`, { ...asB, body: { ...template(), version: 1 } })).status).toBe(404);
    expect((await call(templatePublish.POST, "POST", `/api/v1/sms-templates/${id}/publish`, asB)).status).toBe(404);
    expect((await call(templateVersions.GET, "GET", `/api/v1/sms-templates/${id}/versions`, asB)).status).toBe(404);
    expect((await call(templateItem.DELETE, "DELETE", `/api/v1/sms-templates/${id}`, asB)).status).toBe(404);
    const list = await call(templates.GET, "GET", "/api/v1/sms-templates", { key: writerB });
    expect(list.json.items.map((item: { id: string }) => item.id)).not.toContain(id);
    expect(await versionsOf(id)).toHaveLength(1);
    expect((await auditOf(id)).map((entry) => entry.action)).toEqual(["create"]);

    // An id of the wrong kind is not found either.
    expect((await call(offerItem.GET, "GET", `/api/v1/ivr-offers/${id}`, { key: writerA, params: { id } })).status).toBe(404);
  });

  it("needs config:write to change anything and config:read to read", async () => {
    const denied = await call(templates.POST, "POST", "/api/v1/sms-templates", { key: readerA, body: template() });
    expect(denied.status).toBe(403);
    expect(denied.json.error.code).toBe("forbidden");
    const [fallback] = await liveRules(readerA);
    expect((await call(rulePublish.POST, "POST", `/api/v1/escalation-rules/${fallback.id}/publish`, { key: readerA, params: { id: fallback.id } })).status).toBe(403);
    expect((await call(ruleItem.DELETE, "DELETE", `/api/v1/escalation-rules/${fallback.id}`, { key: readerA, params: { id: fallback.id } })).status).toBe(403);
    expect((await call(templates.GET, "GET", "/api/v1/sms-templates", { key: metricsOnlyA })).status).toBe(403);
    expect((await call(templates.GET, "GET", "/api/v1/sms-templates", { key: "sb_not-a-key" })).status).toBe(401);
  });

  it("answers 400, 415 and 413 for bodies that are not JSON or too large, never 500", async () => {
    expect((await call(templates.POST, "POST", "/api/v1/sms-templates", { key: writerA, rawBody: "{nope" })).status).toBe(400);
    expect((await call(templates.POST, "POST", "/api/v1/sms-templates", { key: writerA, rawBody: "a=1", contentType: "text/plain" })).status).toBe(415);
    expect((await call(templates.POST, "POST", "/api/v1/sms-templates", { key: writerA, body: template({ body: "x".repeat(70 * 1024) }) })).status).toBe(413);
    expect((await call(templates.POST, "POST", "/api/v1/sms-templates", { key: writerA, body: [] })).status).toBe(422);
    expect((await call(templateItem.GET, "GET", "/api/v1/sms-templates/x", { key: writerA, params: { id: "x".repeat(500) } })).status).toBe(404);
  });
});

describe("the audit log", () => {
  it("records every change exactly once, with before and after, and nothing for refusals or no-ops", async () => {
    const { id } = await createTemplate();
    const put = (body: Record<string, unknown>) => call(templateItem.PUT, "PUT", `/api/v1/sms-templates/${id}`, { key: writerA, params: { id }, body });
    await put({ ...template({ name: "Renamed" }), version: 1 });
    await put({ ...template({ name: "Renamed" }), version: 2 }); // no change
    await put({ ...template({ name: "Stale" }), version: 1 }); // 409
    await put({ ...template({ body: "{{bad}}" }), version: 2 }); // 422
    await publishTemplate(id);
    await publishTemplate(id); // already live
    await put({ ...template({ name: "Third" }), version: 2 });
    await publishTemplate(id);
    await publishTemplate(id, writerA, 2);
    await call(templateItem.DELETE, "DELETE", `/api/v1/sms-templates/${id}`, { key: writerA, params: { id } });

    const entries = await auditOf(id);
    expect(entries.map((entry) => entry.action)).toEqual(["create", "update", "publish", "update", "publish", "rollback", "delete"]);
    expect(entries[1]).toMatchObject({ before: { version: 1, name: "Chat link" }, after: { version: 2, name: "Renamed" } });
    expect(entries[5]).toMatchObject({ before: { publishedVersion: 3, name: "Third" }, after: { publishedVersion: 2, name: "Renamed" } });
    expect(entries[6]).toMatchObject({ before: { version: 3, publishedVersion: 2 }, after: null });
    expect(entries.every((entry) => entry.actorLabel.startsWith("API key"))).toBe(true);
  });
});
