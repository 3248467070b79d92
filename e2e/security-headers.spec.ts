import { type APIResponse, type Page, expect, test } from "@playwright/test";
import { clickUntilVisible, signIn } from "./fixtures";

/** The policy as directive name → its sources. */
function directives(policy: string | undefined): Map<string, string[]> {
  expect(policy, "Content-Security-Policy").toBeTruthy();
  return new Map(policy!.split(";").map((part) => part.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
}

function expectEveryAnswerHeaders(response: APIResponse | { headers(): Record<string, string> }, what: string) {
  const headers = response.headers();
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["permissions-policy"], what).toContain("camera=()");
  expect(directives(headers["content-security-policy"]).get("frame-ancestors"), what).toEqual(["'none'"]);
  // Served over plain http here: HSTS would be ignored, and is not sent.
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

/** A page's policy: scripts only with this response's nonce, nothing inline or from elsewhere. */
function expectPagePolicy(policy: string | undefined, what: string): string {
  const page = directives(policy);
  const scripts = page.get("script-src") ?? [];
  const nonce = scripts.find((source) => source.startsWith("'nonce-"));
  expect(nonce, what).toMatch(/^'nonce-[A-Za-z0-9+/]{22}=='$/);
  expect(scripts, what).toContain("'strict-dynamic'");
  expect(scripts, what).not.toContain("'unsafe-inline'");
  expect(scripts, what).not.toContain("'unsafe-eval'");
  expect(page.get("object-src"), what).toEqual(["'none'"]);
  expect(page.get("base-uri"), what).toEqual(["'self'"]);
  expect(page.get("form-action"), what).toEqual(["'self'"]);
  return nonce!.slice("'nonce-".length, -1);
}

test("the sign-in page, a signed-in page and API answers carry the security headers", async ({ page, request }) => {
  const signInPage = await request.get("/sign-in");
  expect(signInPage.status()).toBe(200);
  expectEveryAnswerHeaders(signInPage, "/sign-in");
  const nonce = expectPagePolicy(signInPage.headers()["content-security-policy"], "/sign-in");
  // Next.js puts the nonce on each of its scripts; a second answer has another one.
  const html = await signInPage.text();
  const scriptNonces = [...html.matchAll(/<script\b[^>]*\bnonce="([^"]*)"/g)].map((match) => match[1]);
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
  expect((html.match(/<script\b/g) ?? []).length).toBe(scriptNonces.length);
  expect(expectPagePolicy((await request.get("/sign-in")).headers()["content-security-policy"], "/sign-in again")).not.toBe(nonce);

  // The redirect of a visitor with no session carries them too.
  const redirect = await request.get("/funnels", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expectEveryAnswerHeaders(redirect, "redirect to sign-in");

  for (const path of ["/api/health", "/api/v1/journeys", "/api/auth/session"]) {
    const answer = await request.get(path);
    expect(answer.status(), path).toBeLessThan(500);
    expectEveryAnswerHeaders(answer, path);
    expect(answer.headers()["content-security-policy"], path).toBe("default-src 'none'; frame-ancestors 'none'");
  }

  await signIn(page, "manager");
  const overview = await page.goto("/");
  expect(overview?.status()).toBe(200);
  expectEveryAnswerHeaders(overview!, "/ signed in");
  expectPagePolicy(overview!.headers()["content-security-policy"], "/ signed in");
  const api = await page.request.get("/api/v1/call-types");
  expect(api.status()).toBe(200);
  expectEveryAnswerHeaders(api, "/api/v1/call-types signed in");
});

test("behind a TLS proxy pages and API answers add HSTS and pages upgrade insecure requests", async ({ request }) => {
  const https = { "x-forwarded-proto": "https" };
  for (const path of ["/sign-in", "/api/health", "/api/v1/journeys"]) {
    const answer = await request.get(path, { headers: https });
    expect(answer.headers()["strict-transport-security"], path).toBe("max-age=63072000; includeSubDomains");
  }
  const signInPage = await request.get("/sign-in", { headers: https });
  expect(directives(signInPage.headers()["content-security-policy"]).has("upgrade-insecure-requests")).toBe(true);
  const plain = await request.get("/sign-in");
  expect(directives(plain.headers()["content-security-policy"]).has("upgrade-insecure-requests")).toBe(false);
});

test("a chat link page keeps its own policy and no-referrer, with the headers of every answer", async ({ request }) => {
  const link = await request.get("/l/AAAAAAAAAAAAAAAAAAAAAA", { maxRedirects: 0 });
  expect(link.status()).toBe(404);
  const headers = link.headers();
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  const policy = directives(headers["content-security-policy"]);
  expect(policy.get("default-src")).toEqual(["'none'"]);
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
});

/** Records every policy violation the browser reports, from before the page's first script. */
async function watchViolations(page: Page): Promise<string[]> {
  const found: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(message.text())) found.push(`${page.url()} console: ${message.text()}`);
  });
  await page.exposeFunction("reportViolation", (text: string) => found.push(`${page.url()} ${text}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { reportViolation(text: string): void }).reportViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return found;
}

test("pages, charts and menus run under the policy without a single violation", async ({ page }) => {
  // Nine pages, each waiting for its data and charts on a machine the build may still share.
  test.setTimeout(180_000);
  const violations = await watchViolations(page);

  await page.goto("/sign-in");
  // Filling in a demo account is the form's own script at work.
  await page.getByRole("button", { name: /Administrator/ }).click();
  await expect(page.getByLabel("Email")).toHaveValue("admin@switchboard.demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);

  // A Radix menu adds its own styles when it opens; that it opens also shows the page hydrated.
  const account = page.getByRole("button", { name: /^Account:/ });
  const signOut = page.getByRole("menuitem", { name: "Sign out" });
  const openAndCloseMenu = async () => {
    await clickUntilVisible(account, signOut);
    await page.keyboard.press("Escape");
  };

  for (const path of ["/", "/funnels", "/funnels/ivr_offer", "/parity", "/roi"]) {
    await page.goto(path);
    await expect(page.locator("time[data-as-of]").first(), path).toBeVisible();
    // Recharts draws only in the browser, after measuring: a chart on screen means the scripts ran.
    if (path !== "/funnels") await expect(page.locator(".recharts-surface").first(), path).toBeVisible({ timeout: 30_000 });
    await openAndCloseMenu();
  }

  await page.goto("/config/sms-templates");
  await page.getByRole("link", { name: "New template" }).click();
  await page.getByLabel("Body").fill("Hi {{first_name}}, chat with us: {{chat_link}}");
  await expect(page.getByTestId("segment-count")).toHaveText("1 segment");

  for (const path of ["/import", "/settings"]) {
    expect((await page.goto(path))?.status(), path).toBe(200);
    await openAndCloseMenu();
  }

  expect(violations).toEqual([]);
});
