import { spawn } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";

/*
 * Start-up refuses what would go wrong later: a production server without AUTH_SECRET, and a
 * second server on an embedded data folder that another process owns (the e2e server's).
 */

const root = path.resolve(__dirname, "..");
const port = Number(process.env.E2E_PORT ?? 3210);
const distDir = port === 3210 ? ".next-e2e" : `.next-e2e-${port}`;

function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port + 77), "-H", "127.0.0.1"], {
      cwd: root,
      env: { ...process.env, NEXT_DIST_DIR: distDir, NODE_ENV: "production", DATABASE_URL: "", ...env },
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

test("a production server without AUTH_SECRET stops with a message saying what to set", async () => {
  const { code, output } = await start({ AUTH_SECRET: "", NEXTAUTH_SECRET: "", PGLITE_DIR: path.join(process.env.SB_E2E_DATA_DIR!, "unused") });
  expect(code).toBe(1);
  expect(output).toContain("AUTH_SECRET is not set");
});

test("a second server on the embedded database folder of a running one is refused", async () => {
  const { code, output } = await start({ AUTH_SECRET: "second-server-secret-0123456789abcdefghij", PGLITE_DIR: path.join(process.env.SB_E2E_DATA_DIR!, "pglite") });
  expect(code).toBe(1);
  expect(output).toMatch(/in use by another process \(pid \d+\)/);
});
