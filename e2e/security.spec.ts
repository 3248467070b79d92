import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext, type Browser, expect, test } from "@playwright/test";
import { clickUntilVisible, signIn } from "./fixtures";

/*
 * Issue 11, "Keep them closed", against the production build: a forged x-middleware-subrequest
 * header skips neither the proxy's redirect nor the API's own check, and every server action in
 * the build, POSTed directly with its Next-Action id, refuses a caller without a live session
 * (none at all, or a signed-out admin's replayed cookie) and a manager calling a supervisor's or
 * an admin's action, changing nothing.
 */

const root = path.resolve(__dirname, "..");
const port = Number(process.env.E2E_PORT ?? 3210);
const distDir = port === 3210 ? ".next-e2e" : `.next-e2e-${port}`;

// ——— x-middleware-subrequest (CVE-2025-29927) ———

/** The values that made Next.js skip middleware: its module names, and five repeats of them (the recursion limit). */
const SUBREQUEST_VALUES = ["middleware", "src/middleware", "proxy", "src/proxy", "pages/_middleware"].flatMap((name) => [name, Array(5).fill(name).join(":")]);

test("x-middleware-subrequest skips neither the sign-in redirect nor the API's own check", async ({ request }) => {
  for (const value of SUBREQUEST_VALUES) {
    const headers = { "x-middleware-subrequest": value };
    const page = await request.get("/parity", { headers, maxRedirects: 0 });
    expect(page.status(), value).toBe(307);
    expect(page.headers().location, value).toMatch(/\/sign-in\?callbackUrl=%2Fparity$/);

    const read = await request.get("/api/v1/metrics/funnel?from=2026-01-01&to=2026-01-31", { headers });
    expect(read.status(), value).toBe(401);
    const write = await request.post("/api/v1/events", {
      headers,
      data: { events: [{ id: "subrequest-1", type: "call.received", occurredAt: new Date().toISOString(), customer: "c", callType: "card_arrival" }] },
    });
    expect(write.status(), value).toBe(401);
  }
});

test("x-middleware-subrequest gives a signed-in manager no more than the role allows", async ({ page }) => {
  await signIn(page, "manager");
  for (const value of SUBREQUEST_VALUES) {
    const headers = { "x-middleware-subrequest": value };
    expect((await page.request.get("/import", { headers, maxRedirects: 0 })).status(), value).toBe(403);
    expect((await page.request.post("/api/v1/escalation-rules/anything/publish", { headers })).status(), value).toBe(403);
  }
});

// ——— Server actions POSTed directly ———

interface BuiltAction {
  id: string;
  file: string;
  name: string;
  /** A page whose bundle holds the action: the path Next.js would post it to. */
  path: string;
}

/** The server actions of the build under test, from its server-reference-manifest.json. */
function builtActions(): BuiltAction[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, distDir, "server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const pages = Object.keys(entry.workers).map((worker) =>
      worker
        .replace(/^app/, "")
        .replace(/\/page$/, "")
        .replace(/\/\([^)]*\)/g, ""),
    );
    return { id, file: entry.filename, name: entry.exportedName, path: pages.find((page) => !page.includes("[")) ?? pages[0].replace(/\[[^\]]+\]/g, "x") };
  });
}

/** What each action needs, from DESIGN.md's table; an action the build has and this list lacks fails the test. */
const NEEDS: Record<string, "config:write" | "settings:write" | "member" | "invitation token"> = {
  switchWorkspace: "member",
  saveConfigItem: "config:write",
  publishConfig: "config:write",
  deleteConfig: "config:write",
  duplicateConfig: "config:write",
  setConfigEnabled: "config:write",
  moveRule: "config:write",
  publishAll: "config:write",
  saveSettings: "settings:write",
  savePhoneCostOverride: "settings:write",
  addMember: "settings:write",
  renewInvitation: "settings:write",
  changeRole: "settings:write",
  removeMember: "settings:write",
  createKey: "settings:write",
  revokeKey: "settings:write",
  acceptInvitationAction: "invitation token",
};

const TEMPLATE = { name: "Forged", locale: "en-US", purpose: "other", body: "Call us maybe" };

/** An input each action would act on if it let the caller through: real ids of the demo workspace where one is needed. */
function inputFor(name: string, demo: { ruleId: string; ruleVersion: number; workspaceId: string }): unknown {
  const rule = { kind: "escalation_rule", id: demo.ruleId };
  const inputs: Record<string, unknown> = {
    switchWorkspace: demo.workspaceId,
    saveConfigItem: { kind: "sms_template", fields: TEMPLATE },
    publishConfig: rule,
    deleteConfig: rule,
    duplicateConfig: rule,
    setConfigEnabled: { ...rule, enabled: false, version: demo.ruleVersion },
    moveRule: { id: demo.ruleId, direction: "up" },
    publishAll: { kind: "escalation_rule" },
    saveSettings: { timeZone: "Pacific/Chatham", windowHours: "1", currency: "XTS", phoneCost: "0", digitalCost: "0", resolutionTargetPercent: "1" },
    savePhoneCostOverride: { callType: "card_arrival", phoneCost: "0" },
    addMember: { email: "mallory@evil.example", name: "Mallory", role: "admin" },
    renewInvitation: { userId: "anyone" },
    changeRole: { userId: "anyone", role: "admin" },
    removeMember: { userId: "anyone" },
    createKey: { name: "Mallory's key", scopes: ["settings:write", "config:write"] },
    revokeKey: { id: "anyone" },
    acceptInvitationAction: { token: "A".repeat(43), password: "a password of my own", confirm: "a password of my own" },
  };
  return inputs[name];
}

/** POSTs an action as the browser's router does: its id in Next-Action, the arguments as JSON. */
async function postAction(request: APIRequestContext, action: BuiltAction, input: unknown, at = action.path) {
  const args = NEEDS[action.name] === "member" ? [input] : [{ status: "idle" }, input];
  const response = await request.post(at, {
    headers: { "next-action": action.id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: `http://127.0.0.1:${port}` },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
  return { status: response.status(), text: await response.text() };
}

/**
 * Everything an action could change, as an admin sees it: the configuration and the settings, and
 * the audit log, where every change to members, keys, invitations and settings writes an entry.
 */
async function snapshot(admin: APIRequestContext, page: import("@playwright/test").Page): Promise<Record<string, string>> {
  const shot: Record<string, string> = {};
  for (const api of ["/api/v1/sms-templates", "/api/v1/ivr-offers", "/api/v1/escalation-rules", "/api/v1/settings"]) {
    const response = await admin.get(api);
    expect(response.status(), api).toBe(200);
    shot[api] = await response.text();
  }
  await page.goto("/audit");
  shot["/audit"] = await page.locator("main").innerText();
  return shot;
}

async function asAdmin(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "admin");
  const rules = (await (await page.request.get("/api/v1/escalation-rules")).json()) as { items: { id: string; version: number }[] };
  const workspaceId = (await context.cookies()).find((cookie) => cookie.name === "sb_workspace")?.value ?? "00000000-0000-0000-0000-000000000000";
  return { context, page, demo: { ruleId: rules.items[0].id, ruleVersion: rules.items[0].version, workspaceId } };
}

test("the build's server actions are exactly the ones this test knows what they need", () => {
  const names = builtActions().map((action) => action.name);
  expect(names.filter((name) => !(name in NEEDS)), "actions in the build with no entry in NEEDS").toEqual([]);
  expect(Object.keys(NEEDS).filter((name) => !names.includes(name)), "entries in NEEDS with no action in the build").toEqual([]);
});

/** The session-ended answer of guardedAction: the action itself ran and refused the caller. */
const SESSION_ENDED = "Your session has ended. Sign in again.";

/**
 * A member with the admin role who accepted an invitation, signed in, and signed out again: the
 * cookies of that session, which the proxy still takes for a session (a signed, unexpired token)
 * but the app must not (issue 11, finding 9: signing out ends the session everywhere).
 */
async function signedOutAdminCookies(browser: Browser, admin: APIRequestContext) {
  const email = `ghost-${Date.now()}@switchboard.test`;
  const password = "a ghost's own password";
  const addMember = builtActions().find((action) => action.name === "addMember")!;
  const invited = await postAction(admin, addMember, { email, name: "Ghost", role: "admin" });
  const token = /\/invite\/([A-Za-z0-9_-]{43})/.exec(invited.text)?.[1];
  expect(token, invited.text).toBeTruthy();
  const accept = builtActions().find((action) => action.name === "acceptInvitationAction")!;
  expect((await postAction(admin, accept, { token, password, confirm: password }, `/invite/${token}`)).text).toContain("Password set");

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  const state = await context.storageState();
  const signOut = page.getByRole("menuitem", { name: "Sign out" });
  await clickUntilVisible(page.getByRole("button", { name: /Account:/ }), signOut);
  await signOut.click();
  await expect(page).toHaveURL(/\/sign-in/);
  await context.close();
  return state;
}

test("every server action refuses a caller without a live session, and nothing changes", async ({ browser, playwright }) => {
  test.setTimeout(240_000);
  const admin = await asAdmin(browser);
  const stale = await signedOutAdminCookies(browser, admin.page.request);
  const before = await snapshot(admin.page.request, admin.page);
  const baseURL = `http://127.0.0.1:${port}`;
  const anonymous = await playwright.request.newContext({ baseURL });
  const replayed = await playwright.request.newContext({ baseURL, storageState: stale });
  for (const action of builtActions()) {
    if (NEEDS[action.name] === "invitation token") continue;
    const input = inputFor(action.name, admin.demo);
    // Without a cookie, the proxy sends the POST to the sign-in page before any action runs.
    const unsigned = await postAction(anonymous, action, input);
    expect(unsigned.status, `${action.name} without a cookie`).toBe(307);
    // The signed-out session's cookie passes the proxy; the action itself must refuse it.
    const { status, text } = await postAction(replayed, action, input);
    const what = `${action.name} with a signed-out admin's cookie`;
    expect(status, what).toBeLessThan(500);
    if (NEEDS[action.name] === "member") expect(text, what).not.toContain('"status":"ok"');
    else expect(text, what).toContain(SESSION_ENDED);
  }
  expect(await snapshot(admin.page.request, admin.page)).toEqual(before);
  await anonymous.dispose();
  await replayed.dispose();
  await admin.context.close();
});

test("a manager's direct POSTs to supervisor and admin actions are refused and change nothing", async ({ browser, page }) => {
  test.setTimeout(180_000);
  const admin = await asAdmin(browser);
  const before = await snapshot(admin.page.request, admin.page);
  await signIn(page, "manager");
  const guarded = builtActions().filter((action) => NEEDS[action.name] === "config:write" || NEEDS[action.name] === "settings:write");
  expect(guarded.length).toBeGreaterThanOrEqual(15);
  for (const action of guarded) {
    const { status, text } = await postAction(page.request, action, inputFor(action.name, admin.demo));
    expect(status, action.name).toBe(200);
    expect(text, action.name).toContain("Your role does not allow this change.");
  }
  expect(await snapshot(admin.page.request, admin.page)).toEqual(before);
  await admin.context.close();
});

test("switching to a workspace the user does not belong to is refused with a client error", async ({ page }) => {
  await signIn(page, "manager");
  const switchWorkspace = builtActions().find((action) => action.name === "switchWorkspace")!;
  const before = (await page.context().cookies()).find((cookie) => cookie.name === "sb_workspace")?.value;
  const { status } = await postAction(page.request, switchWorkspace, "00000000-0000-4000-8000-000000000000");
  // Bad input is a 4xx, never a 500 (issue 11, "never a 500 for bad input"); the cookie stays.
  expect(status).toBeLessThan(500);
  expect((await page.context().cookies()).find((cookie) => cookie.name === "sb_workspace")?.value).toBe(before);
});
