import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { eventInputLogArb } from "@/lib/metrics/arbitraries";
import { preparingPool } from "./off-thread";
import { preparePlainBody } from "./prepared";

const NOW = Date.parse("2026-06-01T12:00:00Z");
const encode = (text: string) => new TextEncoder().encode(text);
const bodyOf = (events: unknown[]) => encode(JSON.stringify({ events }));

const plain = bodyOf([
  { id: "o2", type: "offer.shown", occurredAt: "2026-05-31T10:00:00-04:00", customer: "c1", journey: "j1", point: "ivr_offer" },
  { id: "o1", type: "chat.unresolved", occurredAt: "2026-05-31T14:05:00Z", customer: "c1", journey: "j1", attributes: { utterance: "  Where IS my card\t?\n" } },
  { id: "k1", type: "call.received", occurredAt: "2026-05-31T15:00:00.250Z", customer: "c\\1", callType: "card_arrival", journey: "ignored" },
  { id: "o2", type: "offer.shown", occurredAt: "2026-05-31T10:00:00-04:00", customer: "c1", journey: "j1", point: "ivr_offer" },
]);
const judgedElsewhere = [
  bodyOf([{ id: "x", type: "offer.shown", occurredAt: "yesterday", customer: "c1", journey: "j1", point: "ivr_offer" }]),
  encode('{"events": [ not json'),
  new Uint8Array([0x7b, 0xff, 0x7d]),
];

/** The real worker entry, loaded through tsx: a worker cannot load TypeScript by itself on Node 20. */
const entry = fileURLToPath(new URL("./ingest-worker.ts", import.meta.url));
const realWorker = () => new Worker(`import("tsx/esm/api").then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`, { eval: true });
const scriptWorker = (script: string) => () => new Worker(`const { parentPort } = require("node:worker_threads");\n${script}`, { eval: true });

describe("ingest workers", () => {
  it("answer what the server's thread would: the prepared batch, or null for a body it must judge", async () => {
    const prepare = preparingPool(realWorker, 2);
    const bodies = [plain, ...judgedElsewhere, plain];
    const answers = await Promise.all(bodies.map((body) => prepare(body, "ws-1", NOW)));
    expect(answers).toEqual(bodies.map((body) => preparePlainBody(body, "ws-1", NOW)));
    expect(answers[0]).toMatchObject({ events: 4, rows: 3, callTypes: ["card_arrival"], journeys: '["j1"]', work: 2 });
    expect(new TextDecoder().decode(answers[0]!.copy)).toContain("ws-1\to1\tchat.unresolved\t2026-05-31T14:05:00.000Z\tc1\tj1\t\\N\t\\N\t\\N\t");
    expect(answers.slice(1, 4)).toEqual([null, null, null]);
  });

  it("answer generated event logs, whole or with one event broken, exactly as the server's thread does", async () => {
    const prepare = preparingPool(realWorker, 1);
    const farFuture = Date.parse("2100-01-01T00:00:00Z");
    const broken = fc.constantFrom({ occurredAt: "2026-02-30T10:00:00Z" }, { type: "offer.clicked" }, { customer: "" }, { attributes: [] }, { extra: 1 });
    await fc.assert(
      fc.asyncProperty(eventInputLogArb({ maxJourneys: 6, maxCalls: 4 }), fc.option(fc.tuple(fc.nat(), broken)), async (log, damage) => {
        const events: Record<string, unknown>[] = [...log];
        if (damage && events.length > 0) events[damage[0] % events.length] = { ...events[damage[0] % events.length], ...damage[1] };
        const body = bodyOf(events);
        const answer = await prepare(body, "ws-2", farFuture);
        expect(answer).toEqual(preparePlainBody(body, "ws-2", farFuture));
        expect(answer === null).toBe(events.length === 0 || damage !== null);
      }),
      { numRuns: 200 },
    );
  });

  it("a worker that dies is replaced, and the batches it held are left to the server's thread", async () => {
    let spawned = 0;
    // Answers its first request (as a worker that cannot prepare it), then holds every other one.
    const holdsAfterOne = scriptWorker("let first = true; parentPort.on('message', ({ id }) => { if (first) parentPort.postMessage({ id, prepared: null }); first = false; });");
    const workers: Worker[] = [];
    const prepare = preparingPool(() => {
      spawned++;
      const worker = holdsAfterOne();
      workers.push(worker);
      return worker;
    }, 1);
    expect(await prepare(plain, "ws-1", NOW)).toBeNull();
    const held = prepare(plain, "ws-1", NOW);
    await workers[0].terminate();
    expect(await held).toBeNull();
    expect(await prepare(plain, "ws-1", NOW)).toBeNull();
    expect(spawned).toBe(2);
    await workers[1].terminate();
  });

  it("when no worker can start, every batch is prepared on the server's thread", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    let spawned = 0;
    const prepare = preparingPool(() => {
      spawned++;
      return scriptWorker("throw new Error('cannot start');")();
    }, 2);
    const answers = await Promise.all([prepare(plain, "ws-1", NOW), prepare(plain, "ws-1", NOW), prepare(judgedElsewhere[0], "ws-1", NOW)]);
    // The batches sent to the failing workers are judged on the server's thread (null); later ones are prepared there.
    expect(answers).toEqual([null, null, null]);
    expect(await prepare(plain, "ws-1", NOW)).toEqual(preparePlainBody(plain, "ws-1", NOW));
    expect(await prepare(plain, "ws-1", NOW)).not.toBeNull();
    expect(spawned).toBe(2);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });
});
