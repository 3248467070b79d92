import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db";
import { type TestDatabase, openTestDatabase } from "@/db/testing";
import { IDLE } from "@/lib/auth/action-state";
import { verifyCredentials } from "@/db/queries/users";
import { CAPABILITIES, SCOPE_FOR_CAPABILITY } from "@/lib/auth/roles";
import { twilioSignature } from "@/lib/telephony/twilio-signature";
import { ROLES } from "@/lib/domain";
import { call, useConnection } from "../http";
import {
  ACTION_EXPECTATIONS,
  type DiscoveredRoute,
  type Need,
  PRINCIPALS,
  PUBLIC_ROUTES,
  type Principal,
  ROUTE_EXPECTATIONS,
  type RequestSpec,
  WHO_MAY,
  type WorkspaceFixture,
  changedTables,
  cookieJar,
  credentialsOf,
  describePrincipal,
  discoverActions,
  discoverRoutes,
  fingerprint,
  fingerprints,
  isAllowed,
  makeFixtureWorkspace,
  refusalStatus,
  serverActionFiles,
  signedIn,
  workspaceTables,
} from "./helpers";

/*
 * Issue 11, "Keep them closed": the role × endpoint × workspace matrix. The routes and server
 * actions are found in the source tree (helpers.ts), so a new one that is missing from the
 * expectation table fails here by name. Then every principal calls every route and action: in
 * its own workspace (allowed → 2xx / ok, refused → 401 / 403 and nothing changes), and aimed at
 * another workspace's ids (404 or its own data only, and nothing of the other workspace changes).
 */

vi.mock("@/lib/auth/session", async (importOriginal) => ({ ...(await importOriginal<object>()), ...(await import("./helpers")).sessionStub }));
vi.mock("next/headers", async (importOriginal) => ({ ...(await importOriginal<object>()), ...(await import("./helpers")).headersStub }));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const routes = await discoverRoutes();
const actions = await discoverActions();
const callable = routes.filter((route) => !(route.key in PUBLIC_ROUTES));

let database: TestDatabase;
let db: Db;
/** The caller's workspace and the one it tries to reach. */
let own: WorkspaceFixture;
let victim: WorkspaceFixture;

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.connection.db;
  useConnection(database.connection);
  victim = await makeFixtureWorkspace(db, "Acme");
  own = await makeFixtureWorkspace(db, "Globex");
}, 180_000);
afterAll(() => database.cleanup());

function urlOf(route: DiscoveredRoute, spec: RequestSpec): string {
  const path = route.path.replace(/\[(\w+)\]/g, (_, name: string) => encodeURIComponent(spec.params?.[name] ?? ""));
  return spec.query ? `${path}?${spec.query}` : path;
}

/** Sends the request as the principal; `addressed` is the workspace whose URL a Twilio signature covers. */
async function send(route: DiscoveredRoute, principal: Principal, caller: WorkspaceFixture, spec: RequestSpec, addressed = caller) {
  const credentials = credentialsOf(principal, caller);
  const url = urlOf(route, spec);
  const form = spec.form ? new URLSearchParams(spec.form) : null;
  const headers = { ...credentials.headers };
  if (principal.kind === "twilio") {
    headers["x-twilio-signature"] = twilioSignature(caller.telephony.authToken, `${addressed.telephony.publicUrl}${url}`, form ? [...form] : []);
  }
  const response = await call(route.handler, route.method, url, {
    ...credentials,
    headers,
    params: spec.params,
    ...(form ? { rawBody: form.toString(), contentType: "application/x-www-form-urlencoded" } : { body: spec.body }),
  });
  signedIn.current = null;
  return response;
}

describe("the expectation table covers the source tree", () => {
  it("names every route and method under app/api, and names nothing that is not there", () => {
    const discovered = routes.map((route) => route.key);
    const table = [...Object.keys(ROUTE_EXPECTATIONS), ...Object.keys(PUBLIC_ROUTES)];
    expect(discovered.filter((key) => !table.includes(key)), "routes with no entry in ROUTE_EXPECTATIONS (test/security/helpers.ts)").toEqual([]);
    expect(table.filter((key) => !discovered.includes(key)), "entries with no route").toEqual([]);
    expect(Object.keys(PUBLIC_ROUTES).filter((key) => key in ROUTE_EXPECTATIONS), "routes both public and in the table").toEqual([]);
    expect(discovered.length).toBeGreaterThan(30);
  });

  it("names every exported function of every \"use server\" module, and nothing else", () => {
    const discovered = actions.map((action) => action.key);
    const table = Object.keys(ACTION_EXPECTATIONS);
    expect(discovered.filter((key) => !table.includes(key)), "server actions with no entry in ACTION_EXPECTATIONS (test/security/helpers.ts)").toEqual([]);
    expect(table.filter((key) => !discovered.includes(key)), "entries with no server action").toEqual([]);
  });

  it("finds no inline \"use server\" function, which would be an action this suite cannot list", () => {
    expect(serverActionFiles().inline).toEqual([]);
  });

  it("states the design's table of roles and scopes exactly as lib/auth/roles.ts does", () => {
    for (const capability of Object.keys(CAPABILITIES) as (keyof typeof CAPABILITIES)[]) {
      expect(WHO_MAY[capability], capability).toEqual({ roles: ROLES.filter((role) => CAPABILITIES[capability].includes(role as never)), scopes: [SCOPE_FOR_CAPABILITY[capability]] });
    }
  });

  it("fingerprints every table that carries a workspace id", async () => {
    expect(await workspaceTables(db)).toEqual(expect.arrayContaining(["events", "config_items", "config_versions", "audit_log", "memberships", "api_keys", "call_types"]));
  });
});

/** Refused principals first: none of them may change anything, so one fingerprint taken before them all stays the reference. */
function refusedFirst(principals: Principal[], need: Need): Principal[] {
  return [...principals.filter((p) => !isAllowed(p, need)), ...principals.filter((p) => isAllowed(p, need))];
}

const BOTH = ["caller's", "victim's"];

describe("every route, every principal, in the caller's own workspace", () => {
  for (const route of callable) {
    it(`${route.key}: allowed principals get a 2xx, the others 401 or 403 and change nothing`, async () => {
      const expectation = ROUTE_EXPECTATIONS[route.key];
      const principals = refusedFirst(PRINCIPALS, expectation.need);
      // Prepared before the reference fingerprint: a request may need a fresh item to use up.
      const specs: RequestSpec[] = [];
      for (const _ of principals) specs.push(await expectation.own(db, own));
      const before = await fingerprints(db, [own.id, victim.id]);
      const problems: string[] = [];
      for (const [index, principal] of principals.entries()) {
        const response = await send(route, principal, own, specs[index]);
        const who = describePrincipal(principal);
        if (isAllowed(principal, expectation.need)) {
          const answered = expectation.ownAnswer ? response.status === expectation.ownAnswer : response.status >= 200 && response.status <= 299;
          if (!answered) problems.push(`${who}: allowed, expected ${expectation.ownAnswer ?? "a 2xx"}, got ${response.status} ${response.text.slice(0, 200)}`);
          continue;
        }
        const refusal = refusalStatus(principal, expectation.need);
        if (response.status !== refusal) problems.push(`${who}: refused with ${refusal} expected, got ${response.status}`);
        const changed = changedTables(BOTH, before, await fingerprints(db, [own.id, victim.id]));
        if (changed) problems.push(`${who}: refused, yet data changed: ${changed}`);
      }
      expect(problems).toEqual([]);
    });
  }
});

describe("every route, every principal, aimed at another workspace's ids", () => {
  for (const route of callable) {
    it(`${route.key}: another workspace's ids are not found, its data neither leaks nor changes`, async () => {
      const expectation = ROUTE_EXPECTATIONS[route.key];
      const before = await fingerprints(db, [victim.id]);
      const problems: string[] = [];
      for (const principal of PRINCIPALS) {
        const response = await send(route, principal, own, expectation.cross(victim, own), victim);
        const who = describePrincipal(principal);
        if (!isAllowed(principal, expectation.need)) {
          const refusal = refusalStatus(principal, expectation.need);
          if (response.status !== refusal) problems.push(`${who}: refused with ${refusal} expected, got ${response.status}`);
        } else if (expectation.crossAnswer === "own_data") {
          if (response.status < 200 || response.status > 299) problems.push(`${who}: expected a 2xx about its own workspace, got ${response.status} ${response.text.slice(0, 200)}`);
        } else if (response.status !== expectation.crossAnswer) {
          problems.push(`${who}: expected ${expectation.crossAnswer}, got ${response.status} ${response.text.slice(0, 200)}`);
        }
        const leaked = victim.secrets.filter((secret) => response.text.includes(secret));
        if (leaked.length > 0) problems.push(`${who}: the answer names the other workspace's ${leaked.join(", ")}`);
        const changed = changedTables(["victim's"], before, await fingerprints(db, [victim.id]));
        if (changed) problems.push(`${who}: the other workspace changed: ${changed}`);
      }
      expect(problems).toEqual([]);
    });
  }
});

type Outcome = { kind: "state"; status: string; message?: string } | { kind: "redirect"; to: string } | { kind: "threw"; message: string };

async function runAction(key: string, principal: Principal, caller: WorkspaceFixture, input: unknown): Promise<Outcome> {
  const action = actions.find((found) => found.key === key)!;
  credentialsOf(principal, caller);
  cookieJar.clear();
  try {
    const answer = (ACTION_EXPECTATIONS[key].form ? await action.action(IDLE, input) : await action.action(input)) as { status: string; message?: string } | undefined;
    return { kind: "state", status: answer?.status ?? "undefined", message: answer?.message };
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT;")) return { kind: "redirect", to: digest.split(";")[2] };
    return { kind: "threw", message: String((error as Error).message ?? error) };
  } finally {
    signedIn.current = null;
  }
}

describe("issue 11, finding 1: another workspace's admin and your account", () => {
  const addMember = () => actions.find((found) => found.name === "addMember")!.action;
  const removeMember = () => actions.find((found) => found.name === "removeMember")!.action;

  it("adding you by email gives you a membership and changes nothing of your account or your workspace", async () => {
    const before = await fingerprint(db, victim.id);
    credentialsOf({ kind: "session", role: "admin" }, own);
    const added = (await addMember()(IDLE, { email: victim.users.supervisor.email.toUpperCase(), name: "Mallory", role: "admin", password: "chosen-by-the-attacker" })) as { status: string };
    signedIn.current = null;
    expect(added.status).toBe("ok");
    expect(await verifyCredentials(db, victim.users.supervisor.email, "chosen-by-the-attacker")).toBeNull();
    expect(await verifyCredentials(db, victim.users.supervisor.email, "correct horse battery")).toMatchObject({ id: victim.users.supervisor.id });
    expect(changedTables(["victim's"], [before], [await fingerprint(db, victim.id)])).toBe("");
  });

  it("removing you again does not sign you out of your own workspace", async () => {
    const before = await fingerprint(db, victim.id);
    credentialsOf({ kind: "session", role: "admin" }, own);
    const removed = (await removeMember()(IDLE, { userId: victim.users.supervisor.id })) as { status: string };
    signedIn.current = null;
    expect(removed.status).toBe("ok");
    // The role is read from the memberships on every request, so the removal already took effect;
    // a bump of the session version would end the person's sessions in every workspace.
    expect(changedTables(["victim's"], [before], [await fingerprint(db, victim.id)])).toBe("");
  });
});

const ACTION_PRINCIPALS: Principal[] = [...ROLES.map((role) => ({ kind: "session", role }) as const), { kind: "anonymous" }];

describe("every server action, every role, in the caller's own workspace", () => {
  for (const action of actions) {
    it(`${action.key}: allowed roles succeed, the others get an error and change nothing`, async () => {
      const expectation = ACTION_EXPECTATIONS[action.key];
      const principals = refusedFirst(ACTION_PRINCIPALS, expectation.need);
      const inputs: unknown[] = [];
      for (const _ of principals) inputs.push(await expectation.own(db, own));
      const before = await fingerprints(db, [own.id, victim.id]);
      const problems: string[] = [];
      for (const [index, principal] of principals.entries()) {
        const outcome = await runAction(action.key, principal, own, inputs[index]);
        const who = describePrincipal(principal);
        if (isAllowed(principal, expectation.need)) {
          const succeeded = expectation.form ? outcome.kind === "state" && outcome.status === "ok" : outcome.kind === "redirect" && outcome.to === "/" && cookieJar.size === 1;
          if (!succeeded) problems.push(`${who}: allowed, got ${JSON.stringify(outcome)}`);
          continue;
        }
        const refused = expectation.form ? outcome.kind === "state" && outcome.status === "error" : outcome.kind === "redirect" && outcome.to === "/sign-in" && cookieJar.size === 0;
        if (!refused) problems.push(`${who}: expected a refusal, got ${JSON.stringify(outcome)}`);
        const changed = changedTables(BOTH, before, await fingerprints(db, [own.id, victim.id]));
        if (changed) problems.push(`${who}: refused, yet data changed: ${changed}`);
      }
      expect(problems).toEqual([]);
    });
  }
});

describe("every server action aimed at another workspace's ids and accounts", () => {
  for (const action of actions) {
    it(`${action.key}: changes nothing of the other workspace`, async () => {
      const expectation = ACTION_EXPECTATIONS[action.key];
      const problems: string[] = [];
      const before = await fingerprints(db, [victim.id]);
      for (const principal of ACTION_PRINCIPALS) {
        const outcome = await runAction(action.key, principal, own, expectation.cross(victim, own));
        const who = describePrincipal(principal);
        if (!isAllowed(principal, expectation.need) || expectation.crossAnswer === "error") {
          const refused = expectation.form ? outcome.kind === "state" && outcome.status === "error" : outcome.kind !== "state" && cookieJar.size === 0;
          if (!refused) problems.push(`${who}: expected a refusal, got ${JSON.stringify(outcome)}`);
        } else if (outcome.kind === "threw") {
          problems.push(`${who}: threw ${outcome.message}`);
        }
        const changed = changedTables(["victim's"], before, await fingerprints(db, [victim.id]));
        if (changed) problems.push(`${who}: the other workspace changed: ${changed}`);
      }
      expect(problems).toEqual([]);
    });
  }
});
