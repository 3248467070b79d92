/**
 * npm run bench — measures, on a real PostgreSQL server, what docs/BENCHMARKS.md reports:
 *   1. ingest: 1,000,000 events through the HTTP API in batches of 1,000, against a raw COPY of
 *      the same rows into a plain table in the same run;
 *   2. metrics: p50/p95 of each metrics endpoint over 10,000,000 events for a 90-day range,
 *      against a naive GROUP BY over the raw events in the same run;
 *   3. the server's peak memory (VmHWM) in both;
 *   4. decide: 60 s at a steady 500 decisions/s, p50/p95/p99 and every decision's event counted,
 *      and throughput at saturation against a bare node:http server storing one row per request
 *      (bench/decide.ts).
 *
 * BENCH_DATABASE_URL (or DATABASE_URL / TEST_DATABASE_URL) names the server; a fresh database
 * is created and dropped. BENCH_INGEST_EVENTS and BENCH_METRIC_EVENTS scale the two parts;
 * BENCH_PARTS=ingest, metrics or decide (comma-separated) runs some of them.
 * Needs a production build (`npm run build`); it starts `next start` itself.
 */
import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import postgres from "postgres";
import { openDatabase } from "@/db";
import { createApiKey } from "@/db/queries/api-keys";
import { deriveJourneys } from "@/db/queries/derive";
import { ingestEvents } from "@/db/queries/events";
import { createWorkspace } from "@/db/queries/workspaces";
import { migrateDatabase } from "@/db/migrate";
import { DEMO_CALL_TYPES } from "@/lib/demo/call-types";
import { generateDemoEvents } from "@/lib/demo/generate";
import { type EventInput, toStoredEvent } from "@/lib/events/schema";
import { upsertCallTypes } from "@/db/queries/workspaces";
import { benchDecide } from "./decide";

const serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const INGEST_EVENTS = Number(process.env.BENCH_INGEST_EVENTS ?? 1_000_000);
/** Source systems sending at once (IVR, SMS gateway, chat platform, ACD), each waiting for its answer before its next batch. */
const INGEST_CLIENTS = Number(process.env.BENCH_INGEST_CLIENTS ?? 4);
const METRIC_EVENTS = Number(process.env.BENCH_METRIC_EVENTS ?? 10_000_000);
const PORT = Number(process.env.BENCH_PORT ?? 3789);
const BASE = `http://127.0.0.1:${PORT}`;
const END_DATE = "2026-10-31";
/** Which parts to run: `ingest`, `metrics`, `decide` or all three (the default), comma-separated. */
const PARTS = (process.env.BENCH_PARTS ?? "ingest,metrics,decide").split(",");
const REQUESTS_PER_ENDPOINT = Number(process.env.BENCH_REQUESTS ?? 100);
const timeZone = "America/New_York";

const log = (...parts: unknown[]) => console.log(new Date().toISOString().slice(11, 19), ...parts);
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Demo events, scaled to about `target` events; a label keeps ids apart between the two parts. */
function* eventsOf(target: number, label: string): Generator<EventInput[]> {
  const scale = target / 320_000;
  let sent = 0;
  for (const batch of generateDemoEvents({ endDate: END_DATE, days: 180, scale, seed: 7, timeZone, batchSize: 1_000 })) {
    const take = batch.slice(0, Math.max(0, target - sent)).map((event) => ({ ...event, id: `${label}${event.id}`, journey: event.journey && `${label}${event.journey}` }));
    if (take.length === 0) return;
    sent += take.length;
    yield take;
  }
}

function peakMemoryMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Math.round(Number(match[1]) / 1024) : Number.NaN;
}

async function startServer(databaseUrl: string): Promise<ChildProcess> {
  // The same Node options as `npm start` (package.json), and BENCH_SERVER_FLAGS (say, --cpu-prof).
  const flags = (process.env.BENCH_SERVER_FLAGS ?? "").split(" ").filter(Boolean);
  const server = spawn(process.execPath, ["--max-semi-space-size=64", ...flags, path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET: "bench-secret-0123456789abcdefghijklmnopqrstuv", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return server;
    } catch {
      // starting
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("next start did not come up (is there a production build? run npm run build)");
}

async function stopServer(server: ChildProcess) {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
}

async function main() {
  // NEXT_DIST_DIR names another build folder (say, an e2e build); `next start` reads it too.
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) throw new Error(`No production build in ${distDir}: run \`npm run build\` first.`);
  const name = `switchboard_bench_${Date.now()}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`,
    node: process.version,
    postgres: (await admin`select version()`)[0].version,
    // The machine is shared: what else was running shows in the load average.
    loadAverageAtStart: os.loadavg().map((load) => Math.round(load * 10) / 10),
  };
  const connection = await openDatabase({ url: databaseUrl });
  let server: ChildProcess | undefined;
  try {
    await migrateDatabase(connection);
    const db = connection.db;
    const sql = postgres(databaseUrl, { max: 4, onnotice: () => {} });

    // ---- 1. Ingest through HTTP vs COPY --------------------------------------------------------
    if (PARTS.includes("ingest")) {
      const ingestWorkspace = await createWorkspace(db, { name: "Bench ingest", timeZone });
      await upsertCallTypes(db, ingestWorkspace.id, DEMO_CALL_TYPES.map(({ slug, name, phoneCost }) => ({ slug, name, phoneCost })));
      const key = (await createApiKey(db, ingestWorkspace.id, { name: "bench", scopes: ["events:write", "metrics:read"] })).key;
      // The server's code is warmed up on a workspace of its own, whose rows the run does not count.
      const warmUpWorkspace = await createWorkspace(db, { name: "Bench warm-up", timeZone });
      const warmUpKey = (await createApiKey(db, warmUpWorkspace.id, { name: "warm-up", scopes: ["events:write", "metrics:read"] })).key;
      const batches = [...eventsOf(INGEST_EVENTS, "i")].map((batch) => JSON.stringify({ events: batch }));
      const total = batches.reduce((sum, body) => sum + (JSON.parse(body).events.length as number), 0);
      log(`ingest: ${total} events in ${batches.length} batches`);

      // The baseline: the same rows by one COPY into a plain table without indexes, each run into
      // a fresh table after a checkpoint. It runs before and after the HTTP run, and the HTTP run
      // is compared with their mean: this machine's speed drifts by 2× over an hour.
      const escape = (value: unknown) => (value === null || value === undefined ? "\\N" : String(value).replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r"));
      const copyRun = async (label: string) => {
        await sql.unsafe(`create table bench_copy (workspace_id text, id text, type text, occurred_at timestamptz, customer text, journey text, point text, channel text, call_type text, attributes jsonb)`);
        await sql`checkpoint`;
        const copyStarted = performance.now();
        const copyStream = await sql`copy bench_copy from stdin`.writable();
        await pipeline(
          (async function* () {
            for (const body of batches) {
              const lines = (JSON.parse(body).events as EventInput[]).map((e) =>
                [ingestWorkspace.id, e.id, e.type, e.occurredAt, e.customer, e.journey, e.point, e.channel, e.callType, e.attributes ? JSON.stringify(e.attributes) : null].map(escape).join("\t"),
              );
              yield `${lines.join("\n")}\n`;
            }
          })(),
          copyStream as unknown as Writable,
        );
        const seconds = (performance.now() - copyStarted) / 1000;
        await sql`drop table bench_copy`;
        log(`COPY ${label}: ${round(total / seconds, 0)} rows/s`);
        return seconds;
      };
      const copyBefore = await copyRun("before");
      await sql`checkpoint`;

      server = await startServer(databaseUrl);
      // The client shares the machine with the server: bodies are encoded once, and sent with
      // node:http on kept-alive connections (fetch cost twice the CPU per request).
      const bodies = batches.map((body) => Buffer.from(body));
      const agent = new http.Agent({ keepAlive: true, maxSockets: INGEST_CLIENTS });
      const post = (body: Buffer, bearer = key) =>
        new Promise<{ status: number; text: string }>((resolve, reject) => {
          const request = http.request(
            { host: "127.0.0.1", port: PORT, path: "/api/v1/events", method: "POST", agent,
              headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json", "content-length": body.length } },
            (response) => {
              const chunks: Buffer[] = [];
              response.on("data", (chunk: Buffer) => chunks.push(chunk));
              response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
              response.on("error", reject);
            },
          );
          request.on("error", reject);
          request.end(body);
        });
      // Warm-up: the route's modules load on its first request, and its code is optimized by the
      // JIT over the first few dozen batches (as in a server that has been running). 50 batches
      // go to the warm-up workspace, whose derivation is then drained so that it does not run
      // during the measured ingest.
      for (const batch of eventsOf(50_000, "w")) {
        const response = await post(Buffer.from(JSON.stringify({ events: batch })), warmUpKey);
        if (response.status !== 200) throw new Error(`warm-up answered ${response.status}: ${response.text}`);
      }
      const warmedUp = await fetch(`${BASE}/api/v1/metrics/funnel?from=2026-05-01&to=2026-10-31`, { headers: { authorization: `Bearer ${warmUpKey}` } });
      if (warmedUp.status !== 200) throw new Error(`funnel after warm-up answered ${warmedUp.status}`);
      const ingestStarted = performance.now();
      let next = 0;
      let accepted = 0;
      await Promise.all(
        Array.from({ length: INGEST_CLIENTS }, async () => {
          while (next < bodies.length) {
            const response = await post(bodies[next++]);
            if (response.status !== 200) throw new Error(`ingest answered ${response.status}: ${response.text}`);
            accepted += (JSON.parse(response.text) as { accepted: number }).accepted;
          }
        }),
      );
      const ingestSeconds = (performance.now() - ingestStarted) / 1000;
      // Derivation runs behind ingest (docs/adr/002); a metrics read drains what is left.
      const drainStarted = performance.now();
      const drained = await fetch(`${BASE}/api/v1/metrics/funnel?from=2026-05-01&to=2026-10-31`, { headers: { authorization: `Bearer ${key}` } });
      if (drained.status !== 200) throw new Error(`funnel after ingest answered ${drained.status}`);
      const drainSeconds = (performance.now() - drainStarted) / 1000;
      const copyAfter = await copyRun("after");
      const copySeconds = (copyBefore + copyAfter) / 2;
      results.ingest = {
        events: total,
        accepted,
        batchSize: 1000,
        concurrentClients: INGEST_CLIENTS,
        seconds: round(ingestSeconds),
        eventsPerSecond: round(total / ingestSeconds, 0),
        copyRowsPerSecond: round(total / copySeconds, 0),
        copyRunsRowsPerSecond: [copyBefore, copyAfter].map((seconds) => round(total / seconds, 0)),
        ratioToCopy: round(copySeconds / ingestSeconds, 2),
        firstReadAfterIngestSeconds: round(drainSeconds),
        serverPeakMemoryMb: peakMemoryMb(server.pid!),
      };
      log("ingest:", results.ingest);
      await stopServer(server);
      server = undefined;
    }

    // ---- 2. Metrics over 10M events -------------------------------------------------------------
    if (PARTS.includes("metrics")) {
      const metricsWorkspace = await createWorkspace(db, { name: "Bench metrics", timeZone, phoneCost: 6.4, digitalCost: 0.9 });
      await upsertCallTypes(db, metricsWorkspace.id, DEMO_CALL_TYPES.map(({ slug, name, phoneCost }) => ({ slug, name, phoneCost })));
      const metricsKey = (await createApiKey(db, metricsWorkspace.id, { name: "bench", scopes: ["metrics:read"] })).key;
      const loadStarted = performance.now();
      let loaded = 0;
      let pending: EventInput[] = [];
      for (const batch of eventsOf(METRIC_EVENTS, "m")) {
        pending = pending.concat(batch);
        if (pending.length >= 5_000) {
          loaded += (await ingestEvents(db, metricsWorkspace.id, pending.map(toStoredEvent))).accepted;
          pending = [];
          if (loaded % 500_000 < 5_000) log(`loaded ${loaded} events`);
        }
      }
      if (pending.length) loaded += (await ingestEvents(db, metricsWorkspace.id, pending.map(toStoredEvent))).accepted;
      const loadSeconds = (performance.now() - loadStarted) / 1000;
      log(`metrics data: ${loaded} events stored in ${round(loadSeconds)} s`);
      await sql`vacuum analyze`;
      const deriveStarted = performance.now();
      await deriveJourneys(db, metricsWorkspace.id);
      const deriveSeconds = (performance.now() - deriveStarted) / 1000;
      log(`journeys derived in ${round(deriveSeconds)} s`);
      await sql`vacuum analyze`;

      server = await startServer(databaseUrl);
      const from = "2026-08-03";
      const to = "2026-10-31";
      const endpoints: Record<string, string> = {
        funnel: `/api/v1/metrics/funnel?from=${from}&to=${to}`,
        timeseries: `/api/v1/metrics/timeseries?from=${from}&to=${to}&interval=day`,
        parity: `/api/v1/metrics/parity?from=${from}&to=${to}`,
        roi: "/api/v1/metrics/roi?from=2026-08&to=2026-10",
        journeys: `/api/v1/journeys?from=${from}&to=${to}&stage=bounced&limit=100`,
        incrementality: `/api/v1/metrics/incrementality?from=${from}&to=${to}`,
      };
      const firstRequestStarted = performance.now();
      await fetch(`${BASE}${endpoints.funnel}`, { headers: { authorization: `Bearer ${metricsKey}` } });
      const firstRequestMs = performance.now() - firstRequestStarted;
      const latency: Record<string, { p50: number; p95: number }> = {};
      for (const [endpoint, pathAndQuery] of Object.entries(endpoints)) {
        const times: number[] = [];
        for (let i = 0; i < REQUESTS_PER_ENDPOINT; i++) {
          const started = performance.now();
          const response = await fetch(`${BASE}${pathAndQuery}`, { headers: { authorization: `Bearer ${metricsKey}` } });
          await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`${endpoint} answered ${response.status}`);
          times.push(performance.now() - started);
        }
        latency[endpoint] = { p50: round(quantile(times, 0.5)), p95: round(quantile(times, 0.95)) };
        log(endpoint, latency[endpoint]);
      }

      // The naive way: a funnel straight from the raw events with one GROUP BY per journey and point.
      const naiveTimes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        await sql`
          with j as (
            select journey, (array_agg(point order by occurred_at) filter (where type = 'offer.shown'))[1] as point,
              bool_or(type = 'offer.shown') as offered, bool_or(type = 'offer.accepted') as accepted,
              bool_or(type = 'chat.started') as engaged, bool_or(type = 'chat.resolved') as resolved, bool_or(type = 'chat.escalated') as escalated
            from events where workspace_id = ${metricsWorkspace.id} and journey is not null
              and occurred_at >= ${`${from}T00:00:00-04:00`}::timestamptz and occurred_at < ${`${to}T23:59:59-04:00`}::timestamptz
            group by journey)
          select point, count(*) filter (where offered), count(*) filter (where accepted), count(*) filter (where engaged),
            count(*) filter (where resolved), count(*) filter (where escalated) from j group by point`;
        naiveTimes.push(performance.now() - started);
      }
      const naiveP50 = quantile(naiveTimes, 0.5);
      results.metrics = {
        events: loaded,
        storeSeconds: round(loadSeconds),
        deriveSeconds: round(deriveSeconds),
        range: `${from} to ${to} (90 days)`,
        requestsPerEndpoint: REQUESTS_PER_ENDPOINT,
        firstRequestBuildsRollupsMs: round(firstRequestMs, 0),
        latencyMs: latency,
        naiveGroupByFunnelMs: round(naiveP50, 0),
        naiveToFunnelP50Ratio: round(naiveP50 / latency.funnel.p50, 0),
        serverPeakMemoryMb: peakMemoryMb(server.pid!),
      };
      log("metrics:", results.metrics);
      await stopServer(server);
      server = undefined;
    }

    // ---- 4. Runtime decisions at 500/s, and at saturation against a bare node:http anchor ------
    if (PARTS.includes("decide")) {
      results.decide = await benchDecide({ db, sql, databaseUrl, port: PORT, startServer, stopServer, log });
      log("decide:", JSON.stringify(results.decide));
    }
    await sql.end();
  } finally {
    if (server) await stopServer(server);
    await connection.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
  results.loadAverageAtEnd = os.loadavg().map((load) => Math.round(load * 10) / 10);
  // A run of one part does not replace the record of a whole run.
  const out = path.join("docs", "benchmarks", PARTS.includes("ingest") && PARTS.includes("metrics") ? "latest.json" : `latest-${PARTS.join("-")}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
