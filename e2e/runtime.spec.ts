import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import postgres from "postgres";

/*
 * A publish takes effect on every instance within 1 second (issue 12, docs/adr/024): two
 * production servers (`next start`, the build the e2e web server made) on one fresh PostgreSQL
 * database; configuration is published through server A, and server B's next decision uses it.
 * The workspace and its keys are made with the operators' CLI, as an operator would.
 *
 * PostgreSQL: TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres.
 */

const root = path.resolve(__dirname, "..");
const port = Number(process.env.E2E_PORT ?? 3210);
const distDir = port === 3210 ? ".next-e2e" : `.next-e2e-${port}`;
const serverUrl = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const run = promisify(execFile);

const databaseName = `sb_e2e_runtime_${randomBytes(4).toString("hex")}`;
const databaseUrl = (() => {
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
})();
const servers: ChildProcess[] = [];
let admin: ReturnType<typeof postgres>;

async function cli(...args: string[]): Promise<string> {
  const { stdout } = await run(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "cli/index.ts", ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "development" },
  });
  return stdout.trim().split(/\s+/).at(-1)!;
}

/** A production server on the shared database; resolves with its base URL once /api/health answers. */
async function startServer(serverPort: number): Promise<string> {
  const child = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(serverPort), "-H", "127.0.0.1"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: "runtime-e2e-secret-0123456789abcdefghijklmnop",
      NEXTAUTH_URL: `http://127.0.0.1:${serverPort}`,
      SWITCHBOARD_DEMO: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  servers.push(child);
  const base = `http://127.0.0.1:${serverPort}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server on ${serverPort} exited: ${output}`);
    const ok = await fetch(`${base}/api/health`).then((response) => response.ok, () => false);
    if (ok) return base;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server on ${serverPort} did not start: ${output}`);
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${databaseName}`);
  await cli("db", "migrate");
});

test.afterAll(async () => {
  for (const server of servers) server.kill("SIGTERM");
  await Promise.all(servers.map((server) => (server.exitCode !== null ? null : new Promise((resolve) => server.once("exit", resolve)))));
  await admin.unsafe(`drop database if exists ${databaseName} with (force)`);
  await admin.end();
});

test("a publish through one server is seen by a decision on another within 1 second", async () => {
  test.setTimeout(180_000);
  const workspaceId = await cli("workspace", "create", "--name", "Two servers", "--time-zone", "Europe/Paris");
  const editorKey = await cli("api-key", "create", "--workspace", workspaceId, "--scopes", "config:read,config:write", "--name", "editor");
  const runtimeKey = await cli("api-key", "create", "--workspace", workspaceId, "--scopes", "runtime", "--name", "Amazon Connect");
  const [serverA, serverB] = [await startServer(port + 81), await startServer(port + 82)];

  const send = async (base: string, key: string, method: string, pathname: string, body?: unknown) => {
    const response = await fetch(`${base}${pathname}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json();
    expect(response.status, `${method} ${pathname}: ${JSON.stringify(json)}`).toBeLessThan(300);
    return json;
  };
  let contacts = 0;
  const decideOn = (base: string, customer = "p_caller") => send(base, runtimeKey, "POST", "/api/v1/decide", { point: "ivr_offer", customer, contactId: `contact-${++contacts}` });

  const template = await send(serverA, editorKey, "POST", "/api/v1/sms-templates", {
    name: "Chat link",
    locale: "en-US",
    purpose: "deflection",
    body: "Chat with us: {{chat_link}} Reply STOP to opt out",
  });
  await send(serverA, editorKey, "POST", `/api/v1/sms-templates/${template.id}/publish`, {});
  const offer = await send(serverA, editorKey, "POST", "/api/v1/ivr-offers", {
    name: "Press 2 for chat",
    point: "ivr_offer",
    enabled: true,
    prompt: "Press 2 and we'll text you a link.",
    dtmfKey: "2",
    smsTemplateId: template.id,
    holdoutPercent: 0,
    priority: 10,
  });

  // Both servers have decided (and cached the configuration) before the publish.
  expect((await decideOn(serverB)).reason).toBe("no_matching_offer");
  expect((await decideOn(serverA)).reason).toBe("no_matching_offer");

  await send(serverA, editorKey, "POST", `/api/v1/ivr-offers/${offer.id}/publish`, {});
  const published = Date.now();
  const afterPublish = await decideOn(serverB);
  const seenAfter = Date.now() - published;
  test.info().annotations.push({ type: "publish seen on the other server after (ms)", description: String(seenAfter) });
  expect(seenAfter).toBeLessThan(1_000);
  expect(afterPublish).toMatchObject({ offer: "true", reason: "eligible", offerId: offer.id, offerVersion: "1" });

  // A disable (a new version, published) likewise; then a holdout share, judged alike on both servers.
  await send(serverA, editorKey, "PUT", `/api/v1/ivr-offers/${offer.id}`, { ...offer, version: 1, enabled: false });
  await send(serverA, editorKey, "POST", `/api/v1/ivr-offers/${offer.id}/publish`, {});
  const disabled = Date.now();
  expect((await decideOn(serverB)).reason).toBe("disabled");
  const disableSeenAfter = Date.now() - disabled;
  test.info().annotations.push({ type: "disable seen on the other server after (ms)", description: String(disableSeenAfter) });
  expect(disableSeenAfter).toBeLessThan(1_000);

  await send(serverA, editorKey, "PUT", `/api/v1/ivr-offers/${offer.id}`, { ...offer, version: 2, enabled: true, holdoutPercent: 50 });
  await send(serverA, editorKey, "POST", `/api/v1/ivr-offers/${offer.id}/publish`, {});
  for (const customer of ["p_one", "p_two", "p_three", "p_four", "p_five", "p_six"]) {
    const [onA, onB] = [await decideOn(serverA, customer), await decideOn(serverB, customer)];
    expect(onA.offerVersion).toBe("3");
    expect(onB.arm, customer).toBe(onA.arm);
  }
});
