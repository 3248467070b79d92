import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as changes } from "@/app/api/v1/metrics/changes/route";
import type { Db } from "@/db";
import { SYSTEM_ACTOR } from "@/db/queries/audit";
import { publishConfigItem, updateConfigItem } from "@/db/queries/config";
import { type TestDatabase, openTestDatabase } from "@/db/testing";
import { makeApiKey } from "./factories";
import { call, useConnection } from "./http";
import { offerFields, publishedOffer, runtimeWorkspace } from "./runtime-fixtures";

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.connection.db;
  useConnection(database.connection);
});
afterAll(() => database.cleanup());

describe("GET /api/v1/metrics/changes", () => {
  it("lists every publish and roll-back of the period on its local day; who made it only for callers who may read the audit log", async () => {
    const workspace = await runtimeWorkspace(db, "Changes", "America/New_York");
    const offer = await publishedOffer(db, workspace.id, workspace.templateId, { name: "Long wait" });
    const edited = await updateConfigItem(db, workspace.id, "ivr_offer", offer.id, 1, offerFields(workspace.templateId, { name: "Long wait", holdoutPercent: 10 }), SYSTEM_ACTOR);
    await publishConfigItem(db, workspace.id, "ivr_offer", offer.id, edited.version, SYSTEM_ACTOR);
    await publishConfigItem(db, workspace.id, "ivr_offer", offer.id, 1, SYSTEM_ACTOR);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York" }).format(new Date());
    const reader = await makeApiKey(db, workspace.id, ["metrics:read"]);
    const auditor = await makeApiKey(db, workspace.id, ["metrics:read", "config:read"]);

    const seen = await call(changes, "GET", `/api/v1/metrics/changes?from=${today}&to=${today}`, { key: auditor });
    expect(seen.status).toBe(200);
    const items = seen.json.items as { kind: string; action: string; version: number; name: string; day: string; actor: string | null; point: string | null }[];
    const ofOffer = items.filter((item) => item.kind === "ivr_offer");
    expect(ofOffer.map((item) => [item.action, item.version])).toEqual([["publish", 1], ["publish", 2], ["rollback", 1]]);
    expect(ofOffer[0]).toMatchObject({ name: "Long wait", day: today, actor: "system", point: "ivr_offer" });
    expect(items.some((item) => item.kind === "sms_template")).toBe(true);

    const hidden = await call(changes, "GET", `/api/v1/metrics/changes?from=${today}&to=${today}`, { key: reader });
    expect(hidden.json.items.length).toBe(items.length);
    expect(hidden.json.items.every((item: { actor: string | null }) => item.actor === null)).toBe(true);

    expect((await call(changes, "GET", "/api/v1/metrics/changes?from=2026-13-01&to=2026-01-01", { key: reader })).status).toBe(422);
  });
});
