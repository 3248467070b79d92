import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests run against the production build on a fresh embedded database filled with the
 * demo workspace. The folder is made once by the main process; workers inherit it.
 */
process.env.SB_E2E_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), "switchboard-e2e-"));
const port = Number(process.env.E2E_PORT ?? 3210);
export const baseURL = `http://127.0.0.1:${port}`;
/** Where e2e/telephony.spec.ts runs its stand-in for Twilio's API; the server sends SMS there. */
export const fakeTwilioPort = port + 20_000;

const systemChromium = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  // Runs on different ports (parallel work) keep their traces apart.
  outputDir: port === 3210 ? "test-results" : `test-results-${port}`,
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: systemChromium,
      args: systemChromium
        ? ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"]
        : [],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1366, height: 900 } } }],
  webServer: {
    // The build runs without AUTH_SECRET, as on a fresh machine; only the server gets one.
    command: "npm run build && AUTH_SECRET=e2e-secret-only-for-the-test-server-0123456789 npm start",
    url: `${baseURL}/api/health`,
    timeout: 900_000,
    reuseExistingServer: !process.env.CI && process.env.E2E_REUSE_SERVER === "1",
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      NEXT_DIST_DIR: port === 3210 ? ".next-e2e" : `.next-e2e-${port}`,
      HOSTNAME: "127.0.0.1",
      PGLITE_DIR: path.join(process.env.SB_E2E_DATA_DIR, "pglite"),
      NEXTAUTH_URL: baseURL,
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: "",
      // A production server seeds and lists the demo accounts only when asked (docs/SECURITY.md).
      SWITCHBOARD_DEMO: "1",
      TWILIO_API_BASE: `http://127.0.0.1:${fakeTwilioPort}`,
    },
  },
});
