/**
 * The decide part of `npm run bench` (BENCH_PARTS=decide), issue 12 and docs/adr/024:
 *   1. steady load, open loop (request i leaves on schedule whether or not earlier ones have been
 *      answered) against `next start`: 60 s at 100 and at 500 decisions/s (BENCH_DECIDE_RATES);
 *      p50/p95/p99 latency measured from each request's scheduled time, and the stored decisions
 *      and events counted;
 *   2. saturation: closed-loop clients (each waiting for its answer), 2 to 32 of them for 5 s each,
 *      the best count reported: decide, the same server's health check (the framework's floor),
 *      and a bare node:http server that stores one row per request in the same database
 *      (bench/anchor.mjs), with each server's CPU time per request.
 * Everything runs on 127.0.0.1 and stops after its time.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type postgres from "postgres";
import type { Db } from "@/db";
import { createApiKey } from "@/db/queries/api-keys";
import { SYSTEM_ACTOR } from "@/db/queries/audit";
import { createConfigItem } from "@/db/queries/config";
import { createWorkspace } from "@/db/queries/workspaces";
import { ivrOfferSchema, smsTemplateSchema } from "@/lib/config/schemas";

/** Steady rates, decisions per second, each for STEADY_SECONDS: the target's 500, and one this machine can sustain. */
const RATES = (process.env.BENCH_DECIDE_RATES ?? "100,500").split(",").map(Number);
const STEADY_SECONDS = Number(process.env.BENCH_DECIDE_SECONDS ?? 60);
/** Saturation: closed-loop clients at each of these counts for SATURATION_SECONDS; the best count is reported. */
const CLIENT_COUNTS = (process.env.BENCH_DECIDE_CLIENTS ?? "2,4,8,16,32").split(",").map(Number);
const SATURATION_SECONDS = Number(process.env.BENCH_DECIDE_SATURATION_SECONDS ?? 5);
const CUSTOMERS = 50_000;
const CALL_TYPES = ["card_arrival", "lost_card", "transfer_failed", "balance", "direct_debit"];

interface Context {
  db: Db;
  sql: postgres.Sql;
  databaseUrl: string;
  port: number;
  startServer(databaseUrl: string): Promise<ChildProcess>;
  stopServer(server: ChildProcess): Promise<void>;
  log(...parts: unknown[]): void;
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A workspace as a contact center would run it: a published template and two published offers, holdout 10 %. */
async function decidingWorkspace(db: Db, name: string) {
  const workspace = await createWorkspace(db, { name, timeZone: "America/New_York" });
  const publish = { publish: true };
  const template = await createConfigItem(
    db,
    workspace.id,
    "sms_template",
    smsTemplateSchema.parse({ name: "Chat link", locale: "en-US", purpose: "deflection", body: "Skip the queue: {{chat_link}} Reply STOP to opt out" }),
    SYSTEM_ACTOR,
    publish,
  );
  const offer = (fields: Record<string, unknown>) =>
    createConfigItem(db, workspace.id, "ivr_offer", ivrOfferSchema.parse({ enabled: true, smsTemplateId: template.id, holdoutPercent: 10, ...fields }), SYSTEM_ACTOR, publish);
  await offer({ name: "Cards: press 2", point: "ivr_offer", prompt: "Press 2 for a chat link.", dtmfKey: "2", priority: 10, conditions: { callTypes: ["card_arrival", "lost_card"] } });
  await offer({ name: "Transfers: press 3", point: "ivr_offer", prompt: "Press 3 for a chat link.", dtmfKey: "3", priority: 20, conditions: { callTypes: ["transfer_failed"] } });
  const key = (await createApiKey(db, workspace.id, { name: "bench", scopes: ["runtime"] })).key;
  return { workspaceId: workspace.id, key };
}

/** One decision request: a random customer of CUSTOMERS, a new contact, a call type of five (three have an offer). */
function body(label: string, index: number): Buffer {
  const customer = `p_bench${(index * 7919) % CUSTOMERS}`;
  return Buffer.from(JSON.stringify({ point: "ivr_offer", customer, contactId: `${label}-${index}`, callType: CALL_TYPES[index % CALL_TYPES.length] }));
}

function poster(port: number, pathname: string, key: string | null, sockets: number, method: "POST" | "GET" = "POST") {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  return (payload: Buffer) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = method === "POST" ? { "content-type": "application/json", "content-length": payload.length } : {};
      if (key) headers.authorization = `Bearer ${key}`;
      const request = http.request({ host: "127.0.0.1", port, path: pathname, method, agent, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        response.on("error", reject);
      });
      request.on("error", reject);
      request.end(method === "POST" ? payload : undefined);
    });
}

/** Open loop at `rate` per second for `seconds`: every answer's latency from its scheduled time. */
async function steady(post: (payload: Buffer) => Promise<{ status: number; text: string }>, label: string, rate: number, seconds: number) {
  const total = rate * seconds;
  const interval = 1000 / rate;
  const latencies: number[] = [];
  const answers = { treatment: 0, holdout: 0, none: 0, unavailable: 0, errors: 0 };
  let maxLateMs = 0;
  const errorSamples = new Set<string>();
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const scheduled = started + i * interval;
    const wait = scheduled - performance.now();
    if (wait > 1) await sleep(wait);
    maxLateMs = Math.max(maxLateMs, performance.now() - scheduled);
    inFlight.push(
      post(body(label, i)).then(
        ({ status, text }) => {
          latencies.push(performance.now() - scheduled);
          if (status !== 200) {
            if (errorSamples.size < 5) errorSamples.add(`${status} ${text.slice(0, 200)}`);
            return void answers.errors++;
          }
          const answer = JSON.parse(text) as { arm: "treatment" | "holdout" | "none"; reason: string };
          if (answer.reason === "unavailable") answers.unavailable++;
          else answers[answer.arm]++;
        },
        (error: Error) => {
          if (errorSamples.size < 5) errorSamples.add(String(error.message));
          answers.errors++;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  const seconds_ = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: total,
    achievedPerSecond: round(total / seconds_, 0),
    latencyMs: { p50: round(quantile(latencies, 0.5)), p95: round(quantile(latencies, 0.95)), p99: round(quantile(latencies, 0.99)), max: round(latencies.at(-1) ?? 0) },
    clientMaxLateMs: round(maxLateMs),
    answers,
    errorSamples: [...errorSamples],
  };
}

/** Closed loop: `clients` callers, each sending its next request when answered, for `seconds`. */
async function saturation(post: (payload: Buffer) => Promise<{ status: number; text: string }>, label: string, clients: number, seconds: number) {
  let next = 0;
  let answered = 0;
  let unavailable = 0;
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const { status, text } = await post(body(label, next++));
        if (status !== 200) errors++;
        else if (text.includes('"reason":"unavailable"')) unavailable++;
        else answered++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  // "unavailable" answers are not decisions: only answered requests count.
  return { clients, seconds: round(elapsed), requestsPerSecond: round(answered / elapsed, 0), unavailable, errors };
}

/** CPU time (user + system) a process has used so far, in ms. */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
}

/** A saturation run, with the CPU time the server process spent per answered request. */
async function saturationWithCpu(pid: number, ...args: Parameters<typeof saturation>) {
  const before = cpuMs(pid);
  const result = await saturation(...args);
  const answered = result.requestsPerSecond * result.seconds;
  return { ...result, serverCpuMsPerRequest: round((cpuMs(pid) - before) / Math.max(1, answered + result.unavailable), 2) };
}

async function startAnchor(databaseUrl: string, port: number): Promise<ChildProcess> {
  const anchor = spawn(process.execPath, [path.join("bench", "anchor.mjs")], { env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) }, stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    anchor.stdout!.once("data", () => resolve());
    anchor.once("exit", (code) => reject(new Error(`anchor exited with ${code}`)));
  });
  return anchor;
}

/** Saturation at each client count; the best count's result, and all of them. */
async function sweep(pid: number, makePost: (clients: number) => (payload: Buffer) => Promise<{ status: number; text: string }>, label: string) {
  const runs = [];
  for (const clients of CLIENT_COUNTS) runs.push(await saturationWithCpu(pid, makePost(clients), `${label}-${clients}`, clients, SATURATION_SECONDS));
  const best = runs.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
  return { best, byClients: Object.fromEntries(runs.map((run) => [run.clients, run.requestsPerSecond])) };
}

async function storedIn(sql: postgres.Sql, workspaceId: string) {
  const [stored] = await sql<{ decisions: number; events: number; shown: number; held: number }[]>`
    select (select count(*)::int from runtime_decisions where workspace_id = ${workspaceId}) as decisions,
      count(*)::int as events,
      count(*) filter (where type = 'offer.shown')::int as shown,
      count(*) filter (where type = 'offer.held_out')::int as held
    from events where workspace_id = ${workspaceId} and attributes ? 'decisionId'`;
  return stored;
}

export async function benchDecide({ db, sql, databaseUrl, port, startServer, stopServer, log }: Context) {
  const warmUp = await decidingWorkspace(db, "Bench decide warm-up");
  const steadyWorkspaces = [];
  for (const rate of RATES) steadyWorkspaces.push({ rate, ...(await decidingWorkspace(db, `Bench decide ${rate}/s`)) });
  const saturationWorkspace = await decidingWorkspace(db, "Bench decide saturation");
  const server = await startServer(databaseUrl);
  const result: Record<string, unknown> = {};
  try {
    // Warm-up: the route's modules load on first use and the JIT optimizes over the first thousands.
    await steady(poster(port, "/api/v1/decide", warmUp.key, 64), "warm", 100, 10);
    log("decide: warmed up");

    const steadyRuns = [];
    for (const { rate, workspaceId, key } of steadyWorkspaces) {
      const run = await steady(poster(port, "/api/v1/decide", key, 256), `steady${rate}`, rate, STEADY_SECONDS);
      const stored = await storedIn(sql, workspaceId);
      const decided = run.answers.treatment + run.answers.holdout + run.answers.none;
      steadyRuns.push({
        ratePerSecond: rate,
        seconds: STEADY_SECONDS,
        ...run,
        storedDecisions: stored.decisions,
        storedDecisionEvents: stored.events,
        storedOfferShown: stored.shown,
        storedOfferHeldOut: stored.held,
        // Every answered decision stored, with its event when it has one; nothing of an "unavailable" one.
        everyDecisionStored: stored.decisions === decided && stored.events === run.answers.treatment + run.answers.holdout,
        p99WithinTarget: run.latencyMs.p99 <= 15 && run.answers.unavailable === 0,
      });
      log(`decide: steady ${rate}/s`, steadyRuns.at(-1));
    }
    result.steady = steadyRuns;
    result.targetP99Ms = 15;

    const decideSaturation = await sweep(server.pid!, (clients) => poster(port, "/api/v1/decide", saturationWorkspace.key, clients), "saturation");
    log("decide: saturation", decideSaturation);
    // The framework's floor: the same server answering its health check (one `select 1`).
    const healthSaturation = await sweep(server.pid!, (clients) => poster(port, "/api/health", null, clients, "GET"), "health");
    log("decide: health saturation", healthSaturation);
    await stopServer(server);

    const anchorPort = port + 1;
    const anchor = await startAnchor(databaseUrl, anchorPort);
    let anchorSaturation;
    try {
      await steady(poster(anchorPort, "/", null, 64), "anchor-warm", 100, 5);
      anchorSaturation = await sweep(anchor.pid!, (clients) => poster(anchorPort, "/", null, clients), "anchor");
    } finally {
      anchor.kill("SIGTERM");
      await new Promise((resolve) => anchor.once("exit", resolve));
    }
    log("decide: anchor saturation", anchorSaturation);

    result.saturation = {
      decide: decideSaturation,
      nextHealthCheck: healthSaturation,
      anchor: anchorSaturation,
      ratioToAnchor: round(decideSaturation.best.requestsPerSecond / anchorSaturation.best.requestsPerSecond, 2),
      healthCheckRatioToAnchor: round(healthSaturation.best.requestsPerSecond / anchorSaturation.best.requestsPerSecond, 2),
      targetRatio: 0.5,
    };
  } finally {
    if (server.exitCode === null) await stopServer(server);
  }
  return result;
}
