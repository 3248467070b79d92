import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { ingestEvents } from "@/db/queries/events";
import { getFunnel, getParity, getRoi, getTimeseries, listJourneys } from "@/db/queries/metrics";
import { updateRollups } from "@/db/queries/rollups";
import { getSettings, updateSettings } from "@/db/queries/settings";
import { listCallTypes } from "@/db/queries/workspaces";
import { type TestDatabase, openTestDatabase } from "@/db/testing";
import { STAGES } from "@/lib/domain";
import { toStoredEvent } from "@/lib/events/schema";
import {
  type MetricScenario,
  SCENARIO_TIME_ZONES,
  metricScenarioArb,
  shuffle,
  splitIntoBatches,
  withDuplicates,
} from "@/lib/metrics/arbitraries";
import * as reference from "@/lib/metrics/reference";
import { JOURNEY_ARMS, type StageCounts, type StagedJourney } from "@/lib/metrics/types";
import { makeWorkspace } from "./factories";

/*
 * The fast SQL path must equal a plain recomputation from the raw events by the DESIGN.md
 * definitions (lib/metrics/reference.ts), whatever order, duplication or batching the events
 * arrive in: random logs around DST days, local midnights, window boundaries, mixed offsets,
 * with journeys of runtime decisions (held-out ones count in no stage).
 */

let database: TestDatabase;
let db: Db;
const SYSTEM = { type: "system" as const, id: null, label: "test" };

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.connection.db;
});
afterAll(() => database.cleanup());

async function workspaceFor(scenario: MetricScenario) {
  const workspace = await makeWorkspace(db, { timeZone: scenario.settings.timeZone });
  await applySettings(workspace.id, scenario.settings);
  return workspace.id;
}

async function applySettings(workspaceId: string, settings: MetricScenario["settings"]) {
  const { timeZone, windowHours, currency, phoneCost, digitalCost, resolutionTarget, phoneCostByCallType } = settings;
  await updateSettings(db, workspaceId, { timeZone, windowHours, currency, phoneCost, digitalCost, resolutionTarget, phoneCostByCallType }, SYSTEM);
}

async function compare(scenario: MetricScenario, workspaceId: string, events = scenario.events) {
  // The reference reads the settings as stored (money in cents, the target to 3 decimals), as the product does.
  const settings = (await getSettings(db, workspaceId))!;
  const period = { from: scenario.from, to: scenario.to, asOf: scenario.asOf };

  const { totals: _totals, ...funnel } = await getFunnel(db, workspaceId, settings, period);
  expect(funnel).toEqual(reference.funnel(events, settings, period));

  const withPoint = { ...period, point: "ivr_offer" as const, callType: "card_arrival" };
  const { totals: _t, ...filtered } = await getFunnel(db, workspaceId, settings, withPoint);
  expect(filtered).toEqual(reference.funnel(events, settings, withPoint));

  // Every grain of the rollups: each key filtered alone, all three, and both breakdowns.
  for (const filters of NARROWING) {
    for (const breakdown of ["callType", "channel"] as const) {
      const { totals, breakdown: rows, ...narrowed } = await getFunnel(db, workspaceId, settings, { ...period, ...filters, breakdown });
      expect(narrowed).toEqual(reference.funnel(events, settings, { ...period, ...filters }));
      const journeys = reference.journeysFor(events, settings, { ...period, ...filters });
      expect(totals).toEqual(stageCounts(journeys));
      expect(rows).toEqual(breakdownOf(journeys, breakdown));
    }
  }

  for (const interval of ["day", "week", "month"] as const) {
    expect(await getTimeseries(db, workspaceId, settings, { ...period, interval })).toEqual(
      reference.timeseries(events, settings, { ...period, interval }),
    );
    const narrowed = { ...period, interval, ...NARROWING[3] };
    expect(await getTimeseries(db, workspaceId, settings, narrowed)).toEqual(reference.timeseries(events, settings, narrowed));
  }

  const names = Object.fromEntries((await listCallTypes(db, workspaceId)).map((row) => [row.slug, row.name]));
  expect(await getParity(db, workspaceId, settings, period)).toEqual(reference.parity(events, settings, { ...period, names }));
  for (const parityFilters of [{ point: "ivr_offer" as const, channel: "web" as const }, { point: "sms_link" as const }, { channel: "sms" as const }]) {
    expect(await getParity(db, workspaceId, settings, { ...period, ...parityFilters })).toEqual(
      reference.parity(events, settings, { ...period, ...parityFilters, names }),
    );
  }

  const months = { from: scenario.fromMonth, to: scenario.toMonth, asOf: scenario.asOf };
  expect(await getRoi(db, workspaceId, settings, months)).toEqual(reference.roi(events, settings, months));
  const roiFilters = { ...months, point: "ivr_offer" as const, callType: "card_arrival" };
  expect(await getRoi(db, workspaceId, settings, roiFilters)).toEqual(reference.roi(events, settings, roiFilters));

  for (const stage of [undefined, ...STAGES]) {
    const page = await listJourneys(db, workspaceId, settings, { ...period, stage, limit: 1000 });
    const expected = reference.journeysFor(events, settings, { ...period, stage });
    expect(page.total).toBe(expected.length);
    expect(page.items.map((j) => j.journey)).toEqual(expected.map((j) => j.journey));
    expect(page.items).toEqual(expected);
  }
  for (const stage of [undefined, "bounced", "deflected", "pending"] as const) {
    const narrowed = { ...period, ...NARROWING[1], stage };
    const page = await listJourneys(db, workspaceId, settings, { ...narrowed, limit: 1000 });
    expect(page.total).toBe(reference.journeysFor(events, settings, narrowed).length);
  }
  // Runtime decisions' journeys by arm: held-out ones are listed, in no stage.
  for (const arm of JOURNEY_ARMS) {
    for (const stage of [undefined, "engaged", "deflected"] as const) {
      const page = await listJourneys(db, workspaceId, settings, { ...period, arm, stage, limit: 1000 });
      const expected = reference.journeysFor(events, settings, { ...period, arm, stage });
      expect(page.total).toBe(expected.length);
      expect(page.items).toEqual(expected);
    }
  }
}

const NARROWING: Pick<reference.PeriodFilter, "point" | "callType" | "channel">[] = [
  {},
  { point: "sms_link" },
  { callType: "card_arrival" },
  { channel: "sms" },
  { point: "ivr_offer", callType: "billing", channel: "web" },
];

function stageCounts(journeys: readonly StagedJourney[]): StageCounts {
  return Object.fromEntries(STAGES.map((stage) => [stage, journeys.filter((journey) => journey[stage]).length])) as unknown as StageCounts;
}

/** The funnel's breakdown by the DESIGN.md definitions: one row per key that a journey of the period has. */
function breakdownOf(journeys: readonly StagedJourney[], key: "callType" | "channel") {
  const keys = [...new Set(journeys.map((journey) => journey[key]))];
  return keys
    .map((value) => ({ key: value, ...stageCounts(journeys.filter((journey) => journey[key] === value)) }))
    .sort((a, b) => b.offered - a.offered || b.engaged - a.engaged || reference.compareText(a.key ?? "", b.key ?? ""));
}

describe("metrics reconcile with the reference computation", () => {
  it("for random logs ingested in order", async () => {
    await fc.assert(
      fc.asyncProperty(metricScenarioArb({ maxJourneys: 8, maxCalls: 10 }), async (scenario) => {
        const workspaceId = await workspaceFor(scenario);
        await ingestEvents(db, workspaceId, scenario.inputs.map(toStoredEvent));
        await compare(scenario, workspaceId);
      }),
      { numRuns: 60 },
    );
  }, 240_000);

  it("for the same logs shuffled, duplicated and split into random batches", async () => {
    const arrivals = metricScenarioArb({ maxJourneys: 8, maxCalls: 10 }).chain((scenario) =>
      withDuplicates(scenario.inputs)
        .chain((resent) => shuffle(resent))
        .chain((shuffled) => splitIntoBatches(shuffled, 7))
        .map((batches) => ({ scenario, batches })),
    );
    await fc.assert(
      fc.asyncProperty(arrivals, async ({ scenario, batches }) => {
        const workspaceId = await workspaceFor(scenario);
        for (const batch of batches) await ingestEvents(db, workspaceId, batch.map(toStoredEvent));
        // A resent id is a duplicate: the copy seen first is the one that counts, even if a retry differs.
        const firstSeen = reference.dedupeById(batches.flat().map(toStoredEvent));
        await compare(scenario, workspaceId, firstSeen);
      }),
      { numRuns: 60 },
    );
  }, 240_000);

  it("when the time zone and window change while batches are still queued", async () => {
    // Reads between batches build the rollups under the first settings; then the settings change
    // and the rollups are rebuilt while the last batches are stored but not yet drained.
    const arrivals = metricScenarioArb({ maxJourneys: 8, maxCalls: 10 }).chain((scenario) =>
      fc.record({
        scenario: fc.constant(scenario),
        batches: shuffle(scenario.inputs).chain((shuffled) => splitIntoBatches(shuffled, 5)),
        queuedAtChange: fc.nat({ max: 3 }),
        before: fc.record({ timeZone: fc.constantFrom(...SCENARIO_TIME_ZONES), windowHours: fc.constantFrom(1, 24, 72, 168) }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(arrivals, async ({ scenario, batches, queuedAtChange, before }) => {
        const workspaceId = await workspaceFor(scenario);
        await applySettings(workspaceId, { ...scenario.settings, ...before });
        const early = batches.slice(0, Math.max(0, batches.length - queuedAtChange));
        const late = batches.slice(early.length);
        for (const batch of early) {
          await ingestEvents(db, workspaceId, batch.map(toStoredEvent));
          await getFunnel(db, workspaceId, (await getSettings(db, workspaceId))!, { from: scenario.from, to: scenario.to });
        }
        await applySettings(workspaceId, scenario.settings);
        for (const batch of late) await ingestEvents(db, workspaceId, batch.map(toStoredEvent));
        await updateRollups(db, workspaceId, (await getSettings(db, workspaceId))!);
        await compare(scenario, workspaceId);
      }),
      { numRuns: 40 },
    );
  }, 240_000);
});
