import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { getFunnel, getParity, getTimeseries } from "@/db/queries/metrics";
import { getSettings, updateSettings } from "@/db/queries/settings";
import { listCallTypes } from "@/db/queries/workspaces";
import { type TestDatabase, openTestDatabase } from "@/db/testing";
import { metricScenarioArb } from "@/lib/metrics/arbitraries";
import { normalizeUtterance } from "@/lib/metrics/definitions";
import * as reference from "@/lib/metrics/reference";
import { toStoredEvent } from "@/lib/events/schema";
import { MIGRATIONS_FOLDER, migrateDatabase } from "./migrate";

/*
 * Upgrading keeps every acknowledged event counted: a database written by the version before
 * migration 0005 — events stored, work queued one row per journey and per call, some of it
 * drained — gives exactly the reference metrics once migrated and read by this version.
 */

const BEFORE = "0005_ingest_and_rollups";

function foldersUpTo(tag: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "sb-migrations-"));
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"));
  const entries = journal.entries.filter((entry: { tag: string }) => entry.tag < tag);
  fs.mkdirSync(path.join(folder, "meta"));
  fs.writeFileSync(path.join(folder, "meta", "_journal.json"), JSON.stringify({ ...journal, entries }));
  for (const entry of entries) fs.copyFileSync(path.join(MIGRATIONS_FOLDER, `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`));
  return folder;
}

let database: TestDatabase;
let db: Db;
const SYSTEM = { type: "system" as const, id: null, label: "test" };

beforeAll(async () => {
  database = await openTestDatabase({ migrationsFolder: foldersUpTo(BEFORE) });
  db = database.connection.db;
});
afterAll(() => database.cleanup());

/** What ingest before 0005 wrote: the events, and one queue row per journey and per call. */
async function storeTheOldWay(workspaceId: string, events: ReturnType<typeof toStoredEvent>[]) {
  const rows = events.map((event) => ({ ...event, utterance: event.type === "chat.unresolved" ? normalizeUtterance(event.attributes?.utterance) : null }));
  await db.execute(sql`
    with inserted as (
      insert into events (workspace_id, id, type, occurred_at, customer, journey, point, channel, call_type, attributes, utterance)
      select ${workspaceId}, x.id, x.type, x."occurredAt", x.customer, case when x.type like 'call.%' then null else x.journey end,
        x.point, x.channel, x."callType", x.attributes, x.utterance
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id text, type text, "occurredAt" timestamptz, customer text,
        journey text, point text, channel text, "callType" text, attributes jsonb, utterance text)
      on conflict (workspace_id, id) do nothing
      returning journey, customer, type, occurred_at
    )
    insert into derive_queue (workspace_id, journey, customer, call_at)
    select distinct ${workspaceId}, i.journey, null::text, null::timestamptz from inserted i where i.journey is not null
    union all
    select ${workspaceId}, null, i.customer, i.occurred_at from inserted i where i.type = 'call.received'`);
}

describe("migration 0005", () => {
  it("keeps the metrics of work queued in the old shape exact", async () => {
    const scenarios = fc.sample(metricScenarioArb({ maxJourneys: 8, maxCalls: 10 }), { numRuns: 12, seed: 5 });
    const workspaces: string[] = [];
    for (const [i, scenario] of scenarios.entries()) {
      const id = `ws-${i}`;
      await db.execute(sql`insert into workspaces (id, name, time_zone) values (${id}, ${id}, ${scenario.settings.timeZone})`);
      const events = scenario.inputs.map(toStoredEvent);
      await storeTheOldWay(id, events);
      // The old rollups had counted the calls of some days only (those refreshed since).
      await db.execute(sql`insert into calls_daily (workspace_id, day, call_type, calls)
        select workspace_id, (occurred_at at time zone ${scenario.settings.timeZone})::date, call_type, count(*)
        from events where workspace_id = ${id} and type = 'call.received' and extract(day from occurred_at)::int % 2 = 0
        group by 1, 2, 3`);
      await db.execute(sql`update workspaces set rollup_time_zone = time_zone, rollup_window_hours = window_hours where id = ${id}`);
      workspaces.push(id);
    }

    await migrateDatabase(database.connection);

    for (const [i, scenario] of scenarios.entries()) {
      const workspaceId = workspaces[i];
      const { timeZone, windowHours, currency, phoneCost, digitalCost, resolutionTarget, phoneCostByCallType } = scenario.settings;
      await updateSettings(db, workspaceId, { timeZone, windowHours, currency, phoneCost, digitalCost, resolutionTarget, phoneCostByCallType }, SYSTEM);
      const settings = (await getSettings(db, workspaceId))!;
      const events = scenario.inputs.map(toStoredEvent);
      const period = { from: scenario.from, to: scenario.to, asOf: scenario.asOf };
      const { totals: _totals, ...funnel } = await getFunnel(db, workspaceId, settings, period);
      expect(funnel).toEqual(reference.funnel(events, settings, period));
      expect(await getTimeseries(db, workspaceId, settings, { ...period, interval: "day" })).toEqual(reference.timeseries(events, settings, { ...period, interval: "day" }));
      const names = Object.fromEntries((await listCallTypes(db, workspaceId)).map((row) => [row.slug, row.name]));
      expect(await getParity(db, workspaceId, settings, period)).toEqual(reference.parity(events, settings, { ...period, names }));
    }
  }, 120_000);
});
