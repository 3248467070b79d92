import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import postgres from "postgres";

/*
 * Nothing acknowledged is ever lost: a production server is killed with SIGKILL in the middle of
 * an ingest; after a restart the client retries every batch it got no answer for, and every
 * event is stored exactly once. Runs on the embedded database, and on the real server too when
 * TEST_DATABASE_URL is set.
 */

const root = path.resolve(__dirname, "..");
const port = Number(process.env.E2E_PORT ?? 3210);
const distDir = port === 3210 ? ".next-e2e" : `.next-e2e-${port}`;
const crashPort = port + 89;
const base = `http://127.0.0.1:${crashPort}`;

function runCli(env: NodeJS.ProcessEnv, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "cli/index.ts", ...args], { cwd: root, env });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("close", (code) => (code === 0 ? resolve(out.trim().split(/\s+/).at(-1)!) : reject(new Error(`cli ${args.join(" ")} failed: ${err}`))));
  });
}

function startServer(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(crashPort), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...env, NEXT_DIST_DIR: distDir, AUTH_SECRET: "crash-test-secret-0123456789abcdef", NODE_ENV: "production" },
    stdio: "ignore",
  });
}

async function waitForHealth() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("the server did not come up");
}

const BATCHES = 40;
const BATCH_SIZE = 1_000;
const batch = (b: number) =>
  Array.from({ length: BATCH_SIZE }, (_, i) => ({
    id: `crash-${b}-${i}`,
    type: "offer.shown",
    occurredAt: new Date(Date.UTC(2026, 5, 1, 12) + (b * BATCH_SIZE + i) * 1000).toISOString(),
    customer: `c-${i % 311}`,
    journey: `crash-j-${b}-${i}`,
    point: "web_nudge",
  }));

async function post(key: string, b: number) {
  const response = await fetch(`${base}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ events: batch(b) }),
  });
  if (response.status !== 200) throw new Error(`status ${response.status}`);
  return (await response.json()) as { accepted: number; duplicates: number };
}

const targets: { name: string; setUp: () => Promise<{ env: NodeJS.ProcessEnv; tearDown: () => Promise<void> }> }[] = [
  {
    name: "embedded database",
    setUp: async () => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), "sb-crash-"));
      return {
        env: { ...process.env, DATABASE_URL: "", PGLITE_DIR: path.join(folder, "pglite"), SWITCHBOARD_DEMO: "0" },
        tearDown: async () => fs.rmSync(folder, { recursive: true, force: true }),
      };
    },
  },
];
if (process.env.TEST_DATABASE_URL) {
  targets.push({
    name: "PostgreSQL server",
    setUp: async () => {
      const name = `sb_test_crash_${Date.now()}`;
      const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${name}`;
      return {
        env: { ...process.env, DATABASE_URL: url.toString(), PGLITE_DIR: "" },
        tearDown: async () => {
          await admin.unsafe(`drop database if exists ${name} with (force)`);
          await admin.end();
        },
      };
    },
  });
}

for (const target of targets) {
  test(`SIGKILL during ingest loses no acknowledged event (${target.name})`, async () => {
    test.setTimeout(240_000);
    const { env, tearDown } = await target.setUp();
    let server: ChildProcess | undefined;
    try {
      await runCli(env, ["db", "migrate"]);
      const workspaceId = await runCli(env, ["workspace", "create", "--name", "Crash test", "--time-zone", "UTC"]);
      const key = await runCli(env, ["api-key", "create", "--workspace", workspaceId, "--scopes", "events:write,metrics:read"]);

      server = startServer(env);
      await waitForHealth();
      const acknowledged = new Set<number>();
      const sent = Array.from({ length: BATCHES }, (_, b) => b);
      let killed = false;
      await Promise.all(
        [0, 1].map(async (lane) => {
          for (const b of sent.filter((n) => n % 2 === lane)) {
            try {
              const answer = await post(key, b);
              expect(answer.accepted + answer.duplicates).toBe(BATCH_SIZE);
              acknowledged.add(b);
              if (acknowledged.size === 12 && !killed) {
                killed = true;
                server!.kill("SIGKILL");
              }
            } catch {
              // No answer: the client does not know whether the batch was stored, and retries it later.
            }
          }
        }),
      );
      expect(killed).toBe(true);
      expect(acknowledged.size).toBeLessThan(BATCHES);
      const killedServer = server;
      if (killedServer.exitCode === null && killedServer.signalCode === null) await new Promise((resolve) => killedServer.once("exit", resolve));

      server = startServer(env);
      await waitForHealth();
      for (const b of sent.filter((n) => !acknowledged.has(n))) {
        const answer = await post(key, b);
        expect(answer.accepted + answer.duplicates).toBe(BATCH_SIZE);
      }
      // Every acknowledged batch again: all duplicates, nothing changes.
      for (const b of acknowledged) expect(await post(key, b)).toEqual({ accepted: 0, duplicates: BATCH_SIZE });

      // A body the production server cannot take (on PostgreSQL its ingest worker hands it back)
      // is refused as everywhere, and nothing of it is stored: the counts below stay exact.
      const send = async (body: string) => {
        const response = await fetch(`${base}/api/v1/events`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body });
        return { status: response.status, json: await response.json() };
      };
      const [valid, invalid] = batch(BATCHES);
      const mixed = await send(JSON.stringify({ events: [valid, { ...invalid, occurredAt: "not a date" }] }));
      expect(mixed.status).toBe(422);
      expect(mixed.json.error.details).toContainEqual(expect.objectContaining({ index: 1, path: "occurredAt" }));
      expect((await send('{"events": [')).status).toBe(400);

      const funnel = await fetch(`${base}/api/v1/metrics/funnel?from=2026-06-01&to=2026-06-02`, { headers: { authorization: `Bearer ${key}` } });
      const body = await funnel.json();
      expect(body.points[0].offered).toBe(BATCHES * BATCH_SIZE);
      const journeys = await fetch(`${base}/api/v1/journeys?from=2026-06-01&to=2026-06-02&limit=1`, { headers: { authorization: `Bearer ${key}` } });
      expect((await journeys.json()).total).toBe(BATCHES * BATCH_SIZE);
    } finally {
      server?.kill("SIGKILL");
      await tearDown();
    }
  });
}
