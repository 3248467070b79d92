// Makes sure Playwright has a Chromium to drive: the system one when present (offline machines,
// CI), else Playwright's own, installed on first use.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const configured = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
if (configured) {
  if (!existsSync(configured)) {
    console.error(`PLAYWRIGHT_CHROMIUM_EXECUTABLE points at ${configured}, which does not exist.`);
    process.exit(1);
  }
} else if (!existsSync("/usr/bin/chromium")) {
  console.log("No system Chromium found: installing Playwright's own browser (once).");
  execSync("npx playwright install chromium", { stdio: "inherit" });
}
