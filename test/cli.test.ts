import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db";
import { lockPathFor } from "@/db/lock";
import { verifyCredentials } from "@/db/queries/users";

/*
 * The operators' command line, run as operators run it (`tsx cli/index.ts …`), against the
 * embedded database or, in the Postgres test project, a fresh database on the real server.
 */

const run = promisify(execFile);
const root = path.resolve(__dirname, "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");
let env: Record<string, string | undefined>;
let cleanup = async () => {};
let dataDir: string | undefined;

beforeAll(async () => {
  const base: Record<string, string | undefined> = { ...process.env, NODE_ENV: "development", DATABASE_URL: "", PGLITE_DIR: "" };
  if (process.env.DB_TEST_TARGET === "postgres") {
    const name = `sb_test_cli_${Date.now()}`;
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
    dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sb-cli-")), "pglite");
    env = { ...base, PGLITE_DIR: dataDir };
    cleanup = async () => fs.rmSync(path.dirname(dataDir!), { recursive: true, force: true });
  }
}, 60_000);
afterAll(() => cleanup());

async function cli(args: string[], input?: string) {
  const child = spawn(tsx, ["--conditions=react-server", "cli/index.ts", ...args], { cwd: root, env: env as NodeJS.ProcessEnv });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  child.stdin.end(input ?? "");
  const code = await new Promise<number>((resolve) => child.on("close", (value) => resolve(value ?? 1)));
  return { code, stdout, stderr };
}

const lastWord = (text: string) => text.trim().split(/\s+/).at(-1)!;

describe("npm run cli", () => {
  let workspaceId: string;

  it("db migrate applies the migrations", async () => {
    const result = await cli(["db", "migrate"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Migrations applied/);
  });

  it("workspace create prints the new id as the last word, and refuses an unknown time zone", async () => {
    const created = await cli(["workspace", "create", "--name", "Acme Care", "--time-zone", "Europe/Berlin"]);
    expect(created.code).toBe(0);
    workspaceId = lastWord(created.stdout);
    expect(workspaceId).toMatch(/^[0-9a-f-]{36}$/);

    const wrong = await cli(["workspace", "create", "--name", "X", "--time-zone", "Mars/Olympus"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/not an IANA time zone/);
  });

  it("api-key create prints the key once as the last word, and refuses unknown scopes", async () => {
    const created = await cli(["api-key", "create", "--workspace", workspaceId, "--scopes", "events:write,metrics:read"]);
    expect(created.code).toBe(0);
    const key = lastWord(created.stdout);
    expect(key).toMatch(/^sb_[A-Za-z0-9_-]{32}$/);

    const bad = await cli(["api-key", "create", "--workspace", workspaceId, "--scopes", "everything"]);
    expect(bad.code).toBe(2);
  });

  it("api-key create makes a key with the runtime scope, for a contact center's platform", async () => {
    const created = await cli(["api-key", "create", "--workspace", workspaceId, "--scopes", "runtime", "--name", "Amazon Connect"]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/"Amazon Connect" with scopes runtime\b/);
    expect(lastWord(created.stdout)).toMatch(/^sb_[A-Za-z0-9_-]{32}$/);
  });

  it("user create reads the password from standard input", async () => {
    const created = await cli(["user", "create", "--workspace", workspaceId, "--email", "lee@acme.example", "--role", "supervisor"], "a-long-password\n");
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/lee@acme\.example is supervisor/);

    const short = await cli(["user", "create", "--workspace", workspaceId, "--email", "kim@acme.example", "--role", "manager"], "short\n");
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/at least 8 characters/);
  });

  it("user create never changes an existing user's password; user set-password does, from standard input", async () => {
    expect((await cli(["user", "create", "--workspace", workspaceId, "--email", "sam@acme.example", "--role", "manager"], "first-password\n")).code).toBe(0);
    const again = await cli(["user", "create", "--workspace", workspaceId, "--email", "Sam@acme.example", "--role", "admin"], "second-password\n");
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already has an account; its password is unchanged/);
    expect(await passwordWorks("sam@acme.example", "first-password")).toBe(true);
    expect(await passwordWorks("sam@acme.example", "second-password")).toBe(false);

    const reset = await cli(["user", "set-password", "--email", "sam@acme.example"], "third-password\n");
    expect(reset.code).toBe(0);
    expect(await passwordWorks("sam@acme.example", "third-password")).toBe(true);
    expect((await cli(["user", "set-password", "--email", "nobody@acme.example"], "whatever-long\n")).code).toBe(2);
  });

  it("an unknown command prints the usage and fails", async () => {
    const result = await cli(["frobnicate"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Usage: npm run cli/);
  });

  // Only the embedded database has a folder to lock.
  if (process.env.DB_TEST_TARGET !== "postgres")
    it("is refused while another process owns the embedded database", async () => {
    const holder = spawn(process.execPath, ["-e", `require("fs").writeFileSync(${JSON.stringify(lockPathFor(dataDir!))}, String(process.pid)); setInterval(() => {}, 1000);`]);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const result = await cli(["workspace", "create", "--name", "Should not exist"]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/in use by another process/);
    } finally {
      holder.kill("SIGKILL");
    }
  });
}, 120_000);

/** Opens the CLI's database between two commands (the embedded folder is free then) and checks a password. */
async function passwordWorks(email: string, password: string): Promise<boolean> {
  const connection = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: dataDir! });
  try {
    return (await verifyCredentials(connection.db, email, password)) !== null;
  } finally {
    await connection.close();
  }
}
