import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { and, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorReportPath, importFile } from "@/cli/import";
import { type Db, queryRows } from "@/db";
import { events, runtimeDecisions } from "@/db/schema";
import { type TestDatabase, openTestDatabase } from "@/db/testing";
import { customerKeyFromPhone } from "@/lib/customers/phone-key";
import type { ImportMapping } from "@/lib/import/columns";
import { useConnection } from "./http";
import { makeWorkspace } from "./factories";
import { newCallSid, telephonyWorkspace, twilioPost } from "./telephony-fixtures";

/*
 * Contact centers' exports imported as an operator would (docs/adr/027): the command line's
 * importFile, which is the page's lib/import over the events API's own ingest, on PGlite and
 * PostgreSQL. Phone numbers become the workspace's customer keys and nothing else of them is
 * stored; the caller of a Twilio log is the runtime's customer.
 */

const FIXTURES = path.join(__dirname, "fixtures/import");
const NOW = Date.parse("2026-12-04T18:00:00Z");
const run = promisify(execFile);

let database: TestDatabase;
let db: Db;
let dir: string;
const quiet = { log: () => {}, progress: null };

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.connection.db;
  useConnection(database.connection);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sb-import-"));
});
afterAll(async () => {
  await database.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

const secretOf = async (workspaceId: string) =>
  (await queryRows<{ customer_key_secret: string }>(db, sql`select customer_key_secret from workspaces where id = ${workspaceId}`))[0].customer_key_secret;

/** A fixture copied to a folder of the test's own, so the error report lands there. */
function copyOf(name: string): string {
  const target = path.join(dir, `${Date.now()}-${Math.random().toString(36).slice(2)}-${name}`);
  fs.copyFileSync(path.join(FIXTURES, name), target);
  return target;
}

const stored = async (workspaceId: string) =>
  (await db.select().from(events).where(eq(events.workspaceId, workspaceId))).map(({ id, type, occurredAt, customer, journey, point, channel, callType, attributes }) => ({
    id,
    type,
    occurredAt: new Date(occurredAt).toISOString(),
    customer,
    journey,
    point,
    channel,
    callType,
    attributes,
  }));

/** Every text in every table, to look for a phone number in. */
async function everything(): Promise<string> {
  const tables = await queryRows<{ table_name: string }>(db, sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
  const dumps: string[] = [];
  for (const { table_name } of tables) dumps.push(JSON.stringify(await queryRows(db, sql`select * from ${sql.identifier(table_name)}`)));
  return dumps.join("\n");
}

describe("importing a vendor's export", () => {
  it("stores a Twilio call log's calls under the callers' keys, and writes the rejected rows beside the file", async () => {
    const workspace = await makeWorkspace(db);
    const secret = await secretOf(workspace.id);
    const key = (e164: string) => customerKeyFromPhone(secret, e164);
    const file = copyOf("twilio-call-log.csv");
    const lines: string[] = [];
    const result = await importFile(db, { workspaceId: workspace.id, file, now: NOW }, { log: (line) => lines.push(line), progress: null });

    expect(lines[0]).toBe("Looks like a Twilio call log.");
    expect(lines.at(-1)).toBe("imported 5 events, rejected 2 rows");
    expect(result).toEqual({ accepted: 5, duplicates: 0, rejectedRows: 2, reportPath: errorReportPath(file) });
    const report = fs.readFileSync(errorReportPath(file), "utf8").trim().split("\n");
    expect(report[0]).toBe("row,column,field,problem,value");
    expect(report.slice(1).map((line) => line.split(",").slice(0, 3).join(","))).toEqual(["8,From,customerPhone", "11,StartTime,occurredAt"]);

    const sid = (n: string) => `CA5f1b0c2d3e4f5a6b7c8d9e0f1a2b3c${n}`;
    const call = (id: string, type: string, occurredAt: string, customer: string, handleSeconds: number) => ({ id, type, occurredAt, customer, journey: null, point: null, channel: "voice", callType: "general", attributes: { handleSeconds } });
    expect((await stored(workspace.id)).sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      call(sid("01"), "call.received", "2026-12-02T11:58:10.000Z", key("+14155550100"), 312),
      call(sid("02"), "call.abandoned", "2026-12-02T12:10:01.000Z", key("+14155550101"), 0),
      call(sid("03"), "call.abandoned", "2026-12-02T12:20:00.000Z", key("+14155550102"), 0),
      call(sid("08"), "call.received", "2026-12-02T14:00:00.000Z", key("+442079460018"), 240),
      call(sid("09"), "call.received", "2026-12-02T15:00:00.000Z", key("+14155550100"), 60),
    ]);

    const again = await importFile(db, { workspaceId: workspace.id, file, now: NOW }, quiet);
    expect(again).toMatchObject({ accepted: 0, duplicates: 5, rejectedRows: 2 });
  });

  it("stores a bot export's conversations as journeys of the same customers", async () => {
    const workspace = await makeWorkspace(db);
    const key = (e164: string) => customerKeyFromPhone(secret, e164);
    const secret = await secretOf(workspace.id);
    const result = await importFile(db, { workspaceId: workspace.id, file: copyOf("bot-conversations.csv"), now: NOW }, quiet);
    expect(result).toMatchObject({ accepted: 6, rejectedRows: 4 });
    const rows = await stored(workspace.id);
    expect(rows.filter((row) => row.journey === "conv-1003").map(({ type, customer, callType, attributes }) => ({ type, customer, callType, attributes })).sort((a, b) => a.type.localeCompare(b.type))).toEqual([
      { type: "chat.started", customer: key("+14155550105"), callType: "lost_card", attributes: null },
      { type: "chat.unresolved", customer: key("+14155550105"), callType: "lost_card", attributes: { utterance: "my card is still not here" } },
    ]);
    const [journeys] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from journeys where workspace_id = ${workspace.id}`);
    expect(journeys.n).toBe(3);
  });

  it("reads Connect and Genesys files with their presets, Genesys's local times in the zone given", async () => {
    const workspace = await makeWorkspace(db, { timeZone: "America/New_York" });
    const connect = await importFile(db, { workspaceId: workspace.id, file: copyOf("amazon-connect-ctr.csv"), now: NOW }, quiet);
    expect(connect).toMatchObject({ accepted: 3, rejectedRows: 2 });
    const lines: string[] = [];
    const genesys = await importFile(db, { workspaceId: workspace.id, file: copyOf("genesys-cloud-interactions.csv"), now: NOW }, { log: (line) => lines.push(line), progress: null });
    expect(genesys).toMatchObject({ accepted: 3, rejectedRows: 2 });
    expect(lines).toContain("3 rows had no time zone and were read as America/New_York time.");
    const techSupport = (await stored(workspace.id)).find((row) => row.callType === "tech_support");
    expect(techSupport).toMatchObject({ id: "0b5e7d2a-91c4-4f0e-a1b2-c3d4e5f60001", occurredAt: "2026-12-02T11:58:10.000Z" });
  });
});

describe("importFile refuses, storing nothing,", () => {
  it("an unknown preset, an unknown workspace, a file it cannot read and a mapping that does not fit", async () => {
    const workspace = await makeWorkspace(db);
    const file = copyOf("twilio-call-log.csv");
    await expect(importFile(db, { workspaceId: workspace.id, file, preset: "avaya" }, quiet)).rejects.toThrow(/--preset must be one of: twilio_call_log, amazon_connect, genesys_cloud, bot_export/);
    await expect(importFile(db, { workspaceId: "nope", file }, quiet)).rejects.toThrow(/No workspace nope/);
    await expect(importFile(db, { workspaceId: workspace.id, file: path.join(dir, "missing.csv") }, quiet)).rejects.toThrow(/Cannot read .*missing\.csv: ENOENT/);
    await expect(importFile(db, { workspaceId: workspace.id, file, timeZone: "Mars/Olympus" }, quiet)).rejects.toThrow(/not an IANA time zone/);
    await expect(importFile(db, { workspaceId: workspace.id, file, mapping: { kind: "call_log", columns: ["occurredAt"], timeZone: "UTC", dateOrder: "mdy" } }, quiet)).rejects.toThrow(/The mapping has 1 columns/);
    expect(await stored(workspace.id)).toEqual([]);
  });

  it("a file that maps to no customer, naming what is missing", async () => {
    const workspace = await makeWorkspace(db);
    const file = path.join(dir, "no-customer.csv");
    fs.writeFileSync(file, "call_start,call_type\n2026-12-02 10:00:00,billing\n");
    await expect(importFile(db, { workspaceId: workspace.id, file }, quiet)).rejects.toThrow(/Nothing in no-customer\.csv gives Customer key/);
  });
});

describe("the caller of a Twilio log", () => {
  it("is the customer the runtime decided for", async () => {
    const workspace = await telephonyWorkspace(db);
    await importFile(db, { workspaceId: workspace.id, file: copyOf("twilio-call-log.csv"), now: NOW }, quiet);
    const voice = (await import("@/app/api/runtime/twilio/[workspaceId]/voice/route")).POST;
    const response = await twilioPost(voice, workspace.id, "voice", [
      ["AccountSid", `AC${"a1".repeat(16)}`],
      ["CallSid", newCallSid()],
      ["CallStatus", "ringing"],
      ["Direction", "inbound"],
      ["From", "+14155550100"],
      ["To", "+18005551212"],
    ]);
    expect(response.status).toBe(200);
    const [decision] = await db.select({ customer: runtimeDecisions.customer }).from(runtimeDecisions).where(eq(runtimeDecisions.workspaceId, workspace.id));
    const imported = await db.select({ customer: events.customer }).from(events).where(and(eq(events.workspaceId, workspace.id), eq(events.id, "CA5f1b0c2d3e4f5a6b7c8d9e0f1a2b3c01")));
    expect(imported).toEqual([{ customer: decision.customer }]);
  });
});

// Numbers as people write them: international, tel: URIs, North American punctuation.
const phoneArb = fc
  .record({ area: fc.integer({ min: 201, max: 989 }), exchange: fc.integer({ min: 200, max: 999 }), line: fc.integer({ min: 0, max: 9999 }) })
  .map(({ area, exchange, line }) => ({ national: `${area}${exchange}${String(line).padStart(4, "0")}`, area, exchange, line: String(line).padStart(4, "0") }))
  .chain((phone) =>
    fc.constantFrom(
      `+1${phone.national}`,
      `+1 (${phone.area}) ${phone.exchange}-${phone.line}`,
      `+1-${phone.area}-${phone.exchange}-${phone.line}`,
      `tel:+1${phone.national}`,
      `(${phone.area}) ${phone.exchange}-${phone.line}`,
      `${phone.area}.${phone.exchange}.${phone.line}`,
    ).map((written) => ({ ...phone, written })),
  );

const COLUMNS = ["call_start", "caller_phone", "call_type", "queue", "note", "outcome"] as const;
const cellArb = (phone: fc.Arbitrary<{ written: string }>) => fc.oneof({ weight: 3, arbitrary: fc.constantFrom("", "cards", "loans") }, { weight: 1, arbitrary: phone.map((p) => p.written) });

describe("a phone number anywhere in a file", () => {
  it("reaches the database as the workspace's customer key and in no other form", async () => {
    const workspace = await makeWorkspace(db);
    const secret = await secretOf(workspace.id);
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ phone: phoneArb, callType: cellArb(phoneArb), queue: cellArb(phoneArb), note: cellArb(phoneArb), minute: fc.integer({ min: 0, max: 59 }) }), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        async (rows, withId) => {
          const runId = ++runs;
          const header = [...(withId ? ["call_id"] : []), ...COLUMNS];
          const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
          const lines = rows.map((row, i) =>
            [...(withId ? [`CALL-${runId}-${i}`] : []), `2026-12-02 10:${String(row.minute).padStart(2, "0")}:00`, row.phone.written, row.callType || "general", row.queue, row.note, "answered"].map(quote).join(","),
          );
          const file = path.join(dir, `prop-${Date.now()}-${Math.random().toString(36).slice(2)}.csv`);
          fs.writeFileSync(file, [header.join(","), ...lines].join("\n") + "\n");
          // Every column read: the note as an attribute, the rest as the page would guess them.
          const mapping: ImportMapping = {
            kind: "call_log",
            columns: [...(withId ? (["id"] as const) : []), "occurredAt", "customerPhone", "callType", "queue", "attribute", "outcome"],
            timeZone: "UTC",
            dateOrder: "mdy",
          };
          await importFile(db, { workspaceId: workspace.id, file, now: NOW, mapping }, quiet);
          const dump = await everything();
          for (const row of rows) {
            expect(dump).not.toContain(row.phone.national);
            expect(dump).not.toContain(row.phone.written);
            for (const cell of [row.callType, row.queue, row.note]) if (cell && cell.length > 6) expect(dump).not.toContain(cell);
          }
          // Rows whose number is written in international form were stored, under the key.
          const keys = new Set((await db.select({ customer: events.customer }).from(events).where(eq(events.workspaceId, workspace.id))).map((row) => row.customer));
          for (const row of rows) {
            const clean = [row.callType, row.queue, row.note].every((cell) => !cell || ["cards", "loans"].includes(cell));
            if (clean && /^(\+|tel:)/.test(row.phone.written)) expect(keys).toContain(customerKeyFromPhone(secret, `+1${row.phone.national}`));
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});

describe("npm run cli -- import", () => {
  let env: Record<string, string | undefined>;
  let cleanup = async () => {};
  beforeAll(async () => {
    const base: Record<string, string | undefined> = { ...process.env, NODE_ENV: "development", DATABASE_URL: "", PGLITE_DIR: "" };
    if (process.env.DB_TEST_TARGET === "postgres") {
      const name = `sb_test_import_${Date.now()}`;
      const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${name}`;
      env = { ...base, DATABASE_URL: url.toString() };
      cleanup = async () => {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      };
    } else {
      env = { ...base, PGLITE_DIR: path.join(dir, "pglite") };
    }
  }, 60_000);
  afterAll(() => cleanup());

  const cli = async (args: string[]) => {
    try {
      const { stdout, stderr } = await run(path.join(__dirname, "..", "node_modules", ".bin", "tsx"), ["--conditions=react-server", "cli/index.ts", ...args], { cwd: path.join(__dirname, ".."), env: env as NodeJS.ProcessEnv });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  it("imports a file into a workspace and ends with what it imported and rejected", async () => {
    if (process.env.DB_TEST_TARGET === "postgres") expect((await cli(["db", "migrate"])).code).toBe(0);
    const created = await cli(["workspace", "create", "--name", "Nightly", "--time-zone", "UTC"]);
    const workspaceId = created.stdout.trim().split(/\s+/).at(-1)!;
    const file = copyOf("twilio-call-log.csv");
    const result = await cli(["import", "--workspace", workspaceId, file]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]).toBe("Looks like a Twilio call log.");
    expect(lines.at(-1)).toBe("imported 5 events, rejected 2 rows");
    expect(fs.existsSync(errorReportPath(file))).toBe(true);
  }, 120_000);
});
