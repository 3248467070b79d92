import { describe, expect, it } from "vitest";
import { detailsFromZod } from "@/lib/api/errors";
import { type IncomingEvent, eventBatchSchema } from "@/lib/events/schema";
import type { ImportMapping } from "./columns";
import { errorReportCsv, summarizeErrors } from "./report";
import { type RunOptions, runImport } from "./run";
import { Batcher, type BatchResponse, type Transport, backoffMs } from "./send";
import { readRows } from "./stream";

const NOW = Date.parse("2026-06-01T12:00:00Z");
const HEADERS = ["time", "customer", "call_type", "queue", "wait", "outcome"];
const MAPPING: ImportMapping = { kind: "call_log", columns: ["occurredAt", "customer", "callType", "queue", "waitSeconds", "outcome"], timeZone: "America/New_York", dateOrder: "mdy" };

function callLog(rows: number, { from = 0 } = {}): string {
  const lines = [HEADERS.join(",")];
  for (let i = from; i < from + rows; i++) {
    const minute = String(i % 60).padStart(2, "0");
    const hour = String(8 + Math.floor(i / 60) % 10).padStart(2, "0");
    const day = String(1 + Math.floor(i / 600) % 28).padStart(2, "0");
    lines.push(`2026-03-${day} ${hour}:${minute}:00,cust-${i},card_arrival,cards,${i % 300},${i % 7 === 0 ? "abandoned" : "answered"}`);
  }
  return lines.join("\n") + "\n";
}

/** The API's ingest contract in memory: whole batch validated, ids stored once, duplicates counted. */
class FakeApi {
  readonly stored = new Map<string, IncomingEvent>();
  requests = 0;
  inFlight = 0;
  maxInFlight = 0;
  failures: ("network" | 500 | 401 | "commit-then-drop")[] = [];

  transport: Transport = async (events) => {
    this.requests++;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, 0));
      const failure = this.failures.shift();
      if (failure === "network") throw new TypeError("Failed to fetch");
      if (failure === 500) return { status: 500, body: { error: { code: "internal", message: "boom" } } };
      if (failure === 401) return { status: 401, body: { error: { code: "unauthorized", message: "Sign in" } } };
      const parsed = eventBatchSchema(() => NOW).safeParse(JSON.parse(JSON.stringify({ events })));
      if (!parsed.success) return { status: 422, body: { error: { code: "invalid", message: "The request is not valid.", details: detailsFromZod(parsed.error, "events") } } };
      let accepted = 0;
      for (const event of parsed.data.events) {
        if (this.stored.has(event.id)) continue;
        this.stored.set(event.id, event);
        accepted++;
      }
      if (failure === "commit-then-drop") throw new TypeError("network connection was lost");
      return { status: 200, body: { accepted, duplicates: events.length - accepted } } satisfies BatchResponse;
    } finally {
      this.inFlight--;
    }
  };
}

const noSleep = async () => {};

function run(source: string, options: Partial<RunOptions> & { api?: FakeApi } = {}) {
  const { api, ...rest } = options;
  return runImport({
    source,
    headers: HEADERS,
    mapping: MAPPING,
    now: NOW,
    phase: api ? "send" : "check",
    signal: new AbortController().signal,
    chunkSize: 4096,
    ...(api ? { delivery: { transport: api.transport, sleep: noSleep } } : {}),
    ...rest,
  });
}

describe("readRows", () => {
  it("numbers rows as a spreadsheet does across chunks, quoted line breaks included", async () => {
    const text = 'a,b\n1,"two\nlines"\n\n3,x\n' + Array.from({ length: 50 }, (_, i) => `${i},"v,${i}"`).join("\n");
    const seen: [number, string[]][] = [];
    for await (const chunk of readRows(text, 16)) chunk.rows.forEach((row, i) => seen.push([chunk.firstRow + i, row]));
    expect(seen.slice(0, 4)).toEqual([[1, ["a", "b"]], [2, ["1", "two\nlines"]], [3, [""]], [4, ["3", "x"]]]);
    expect(seen.at(-1)).toEqual([54, ["49", "v,49"]]);
    expect(seen).toHaveLength(54);
  });

  it("stops the parser when the consumer stops", async () => {
    let chunks = 0;
    for await (const _ of readRows(callLog(2000), 1024)) if (++chunks === 2) break;
    expect(chunks).toBe(2);
  });
});

describe("runImport, check phase", () => {
  it("counts valid, invalid and blank rows and reports each problem by row and column", async () => {
    const text = [
      HEADERS.join(","),
      "2026-03-02 09:14:05,c1,card_arrival,cards,42,answered",
      "2026-02-30 09:15:00,c2,card_arrival,cards,42,answered",
      ",,,,,",
      "2026-03-02 09:16:00,,card_arrival,cards,soon,answered",
      '2026-03-02 09:17:00,c4,"card_arrival",cards,12,"abandoned"',
    ].join("\r\n");
    const result = await run(text);
    expect(result).toMatchObject({ outcome: "completed", rows: 4, blank: 1, valid: 2, invalid: 2, errorCount: 3, sent: 0 });
    expect(result.errors.map(({ row, column, field }) => [row, column, field])).toEqual([
      [3, "time", "occurredAt"],
      [5, "customer", "customer"],
      [5, "wait", "attributes.waitSeconds"],
    ]);
    const csv = errorReportCsv(result.errors);
    expect(csv.split("\n")[0]).toBe("row,column,field,problem,value");
    expect(csv).toContain('3,time,occurredAt,"""2026-02-30 09:15:00"" has no day 30 in 2026-02",2026-02-30 09:15:00');
    expect(summarizeErrors(result.errors)[0]).toMatchObject({ count: 1, firstRow: 3 });
  });

  it("flags an id reused with different content, and counts exact repeats", async () => {
    const headers = ["id", "type", "occurredAt", "customer", "callType"];
    const mapping: ImportMapping = { kind: "event_file", columns: ["id", "type", "occurredAt", "customer", "callType"], timeZone: "UTC", dateOrder: "mdy" };
    const text = ["id,type,occurredAt,customer,callType", "e1,call.received,2026-03-01T10:00:00Z,c1,x", "e1,call.received,2026-03-01T10:00:00Z,c1,x", "e1,call.received,2026-03-01T11:00:00Z,c1,x"].join("\n");
    const result = await runImport({ source: text, headers, mapping, now: NOW, phase: "check", signal: new AbortController().signal });
    expect(result).toMatchObject({ valid: 2, repeats: 1, invalid: 1 });
    expect(result.errors[0]).toMatchObject({ row: 4, column: "id", message: "repeats the id of row 2 with different content: the API would keep only the first" });
  });

  it("refuses a row with broken quotes", async () => {
    const result = await run(`${HEADERS.join(",")}\n2026-03-02 09:14:05,c1,card_arrival,cards,42,answered\n2026-03-02 09:14:05,"c2,card_arrival,cards,42,answered\n`);
    expect(result.valid).toBe(1);
    expect(result.errors[0]).toMatchObject({ row: 3 });
  });
});

describe("runImport, send phase", () => {
  it("sends valid rows in sequential batches of at most 1,000 and a second import changes nothing", async () => {
    const api = new FakeApi();
    const text = callLog(2_500);
    const first = await run(text, { api });
    expect(first).toMatchObject({ outcome: "completed", valid: 2_500, sent: 2_500, accepted: 2_500, duplicates: 0, rejected: 0 });
    expect(api.requests).toBe(3);
    expect(api.maxInFlight).toBe(1);
    const ids = [...api.stored.keys()];

    const again = await run(text, { api });
    expect(again).toMatchObject({ accepted: 0, duplicates: 2_500 });
    expect([...api.stored.keys()]).toEqual(ids);
  });

  it("never sends invalid rows", async () => {
    const api = new FakeApi();
    const text = callLog(10).replace("cust-3,", ",").replace("2026-03-01 08:05:00", "not a time");
    const result = await run(text, { api });
    expect(result).toMatchObject({ valid: 8, invalid: 2, accepted: 8 });
    expect([...api.stored.values()].map((event) => event.customer)).not.toContain("cust-5");
  });

  it("retries network errors and 5xx; a batch stored before its answer was lost comes back as duplicates", async () => {
    const api = new FakeApi();
    api.failures = ["network", 500, "commit-then-drop"];
    const retries: string[] = [];
    const result = await run(callLog(1_200), { api, delivery: { transport: api.transport, sleep: noSleep, onRetry: (_, __, reason) => retries.push(reason) } });
    expect(result).toMatchObject({ outcome: "completed", accepted: 200, duplicates: 1_000 });
    expect(api.stored.size).toBe(1_200);
    expect(retries).toEqual(["the connection failed", "the server answered 500", "the connection failed"]);
  });

  it("maps a server 422 back to file rows and sends the rest of the batch", async () => {
    const api = new FakeApi();
    // Valid in the browser's clock, refused by a server whose clock is two hours behind.
    const text = callLog(5) + "2026-06-01 09:30:00,cust-late,card_arrival,cards,5,answered\n";
    const result = await run(text, { api, now: NOW + 2 * 3_600_000 });
    expect(result).toMatchObject({ outcome: "completed", accepted: 5, rejected: 1, valid: 5, invalid: 1 });
    expect(result.errors).toEqual([{ row: 7, column: "time", field: "occurredAt", message: "must not be more than 1 hour in the future (refused by the server)" }]);
  });

  it("stops on 401 with a message that says what to do", async () => {
    const api = new FakeApi();
    api.failures = [401];
    const result = await run(callLog(10), { api });
    expect(result.outcome).toBe("failed");
    expect(result.failure).toMatch(/Sign in again/);
    expect(api.stored.size).toBe(0);
  });

  it("gives up after repeated network failures", async () => {
    const api = new FakeApi();
    api.failures = Array(6).fill("network");
    const result = await run(callLog(10), { api });
    expect(result).toMatchObject({ outcome: "failed", accepted: 0 });
    expect(result.failure).toMatch(/could not be reached after 6 attempts/);
  });

  it("stops sending when cancelled; what was stored stays stored", async () => {
    const api = new FakeApi();
    const controller = new AbortController();
    const result = await run(callLog(5_000), {
      api,
      signal: controller.signal,
      onProgress: (counts) => {
        if (counts.sent >= 2_000) controller.abort();
      },
    });
    expect(result.outcome).toBe("cancelled");
    expect(api.stored.size).toBe(2_000);
    expect(result.accepted).toBe(2_000);
  });

  it("splits batches by size in bytes as well as by count", () => {
    const batcher = new Batcher(1_000, 600);
    const event = { id: "x".repeat(100), type: "call.received" as const, occurredAt: "2026-03-01T10:00:00Z", customer: "c", callType: "x" };
    const full = Array.from({ length: 5 }, (_, i) => batcher.add(event, i + 2)).filter(Boolean);
    expect(full).toHaveLength(1);
    expect(full[0]!.events.length).toBe(3);
    expect(batcher.take()!.rows).toEqual([5, 6]);
  });

  it("backs off exponentially, or as Retry-After asks", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((attempt) => backoffMs(attempt))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(backoffMs(1, 7)).toBe(7000);
  });
});

describe("a large file", () => {
  it("checks 100,000 rows in a few seconds without holding them", async () => {
    const started = Date.now();
    const result = await run(callLog(100_000), { chunkSize: 512 * 1024 });
    expect(result).toMatchObject({ outcome: "completed", rows: 100_000, valid: 100_000 });
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 30_000);
});
