// Takes screenshots of pages at laptop and phone widths, signed in as a role.
//   node scripts/screenshots.mjs --base http://localhost:3000 --role manager --out docs/screenshots / /funnels
import { mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    base: { type: "string", default: "http://localhost:3000" },
    role: { type: "string" },
    out: { type: "string", default: "docs/screenshots" },
    widths: { type: "string", default: "laptop,phone" },
    full: { type: "boolean", default: true },
  },
});

const VIEWPORTS = { laptop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } };
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE || "/usr/bin/chromium";
const browser = await chromium.launch({
  executablePath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"],
});
mkdirSync(values.out, { recursive: true });
for (const width of values.widths.split(",")) {
  const context = await browser.newContext({ viewport: VIEWPORTS[width], deviceScaleFactor: 1 });
  const page = await context.newPage();
  if (values.role) {
    await page.goto(`${values.base}/sign-in`);
    await page.getByLabel("Email").fill(`${values.role}@switchboard.demo`);
    await page.getByLabel("Password").fill("switchboard");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  }
  for (const route of positionals.length ? positionals : ["/"]) {
    await page.goto(`${values.base}${route}`);
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(400);
    const name = `${(route === "/" ? "overview" : route.slice(1).replaceAll("/", "-").replace(/\?.*/, "")) || "home"}${values.role ? `-${values.role}` : ""}-${width}.png`;
    await page.screenshot({ path: path.join(values.out, name), fullPage: values.full });
    console.log(path.join(values.out, name));
  }
  await context.close();
}
await browser.close();
