import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { redirect } from "next/navigation";
import { type Db, queryRows } from "@/db";
import { createApiKey, revokeApiKey } from "@/db/queries/api-keys";
import { SYSTEM_ACTOR } from "@/db/queries/audit";
import { createConfigItem } from "@/db/queries/config";
import { ingestEvents } from "@/db/queries/events";
import { addMemberByEmail } from "@/db/queries/invitations";
import { updateSettings } from "@/db/queries/settings";
import type { UserContext } from "@/lib/auth/context";
import type { Capability } from "@/lib/auth/roles";
import type { ConfigKind } from "@/lib/config/kinds";
import { API_SCOPES, type ApiScope, ROLES, type Role } from "@/lib/domain";
import { event, makeUser, makeWorkspace } from "../factories";

/*
 * What the security suite (matrix.test.ts, fuzz.test.ts) shares: the routes and server actions
 * found in the source tree, the table of what each one needs, two workspaces full of things to
 * steal, the principals that knock, and a fingerprint of everything a workspace owns.
 *
 * The table is written by hand on purpose: a route or action that appears in app/ without an
 * entry here fails the matrix by name, so nobody can add an endpoint without saying who may call it.
 */

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

// ——— Who may do what ———

/**
 * What an endpoint needs: a capability of lib/auth/roles.ts (`runtime` is the scope alone, never a
 * session), any member of the workspace, nothing but what its input carries (an invitation
 * token), or Twilio's signature made with the addressed workspace's auth token (webhooks).
 */
export type Need = Capability | "member" | "anyone" | "twilio";

/**
 * DESIGN.md "Users and roles" and the API key scopes, restated here rather than read from
 * lib/auth/roles.ts: the matrix checks the code against the design, and roles.test compares the two.
 */
export const WHO_MAY: Record<Need, { roles: readonly Role[]; scopes: readonly ApiScope[] }> = {
  "metrics:read": { roles: ["manager", "supervisor", "executive", "admin"], scopes: ["metrics:read"] },
  "config:read": { roles: ["manager", "supervisor", "admin"], scopes: ["config:read"] },
  "config:write": { roles: ["supervisor", "admin"], scopes: ["config:write"] },
  "events:import": { roles: ["supervisor", "admin"], scopes: ["events:write"] },
  "settings:write": { roles: ["admin"], scopes: ["settings:write"] },
  // The runtime answers machines only: no session user, whatever the role (DESIGN.md "Runtime").
  runtime: { roles: [], scopes: ["runtime"] },
  member: { roles: ROLES, scopes: [] },
  anyone: { roles: ROLES, scopes: [...API_SCOPES] },
  twilio: { roles: [], scopes: [] },
};

/**
 * Everyone who knocks: each role's session, a key with each single scope, nobody, a revoked key,
 * and a request signed as Twilio signs it, with the caller's workspace's auth token.
 */
export type Principal =
  | { kind: "session"; role: Role }
  | { kind: "key"; scope: ApiScope }
  | { kind: "anonymous" }
  | { kind: "revoked_key" }
  | { kind: "twilio" };

export const PRINCIPALS: Principal[] = [
  ...ROLES.map((role) => ({ kind: "session", role }) as const),
  ...API_SCOPES.map((scope) => ({ kind: "key", scope }) as const),
  { kind: "anonymous" },
  { kind: "revoked_key" },
  { kind: "twilio" },
];

export function describePrincipal(principal: Principal): string {
  switch (principal.kind) {
    case "session":
      return `${principal.role} session`;
    case "key":
      return `key with scope ${principal.scope}`;
    case "anonymous":
      return "no credential";
    case "revoked_key":
      return "revoked key (all scopes)";
    case "twilio":
      return "Twilio-signed request (the caller's auth token)";
  }
}

export function isAllowed(principal: Principal, need: Need): boolean {
  if (need === "anyone") return true;
  if (principal.kind === "twilio") return need === "twilio";
  if (principal.kind === "session") return WHO_MAY[need].roles.includes(principal.role);
  if (principal.kind === "key") return WHO_MAY[need].scopes.includes(principal.scope);
  return false;
}

/**
 * The status a refused principal gets: 401 without a valid credential, 403 with one that lacks the
 * right; a webhook refuses every request without the right signature with 403, saying no more.
 */
export function refusalStatus(principal: Principal, need: Need): 401 | 403 {
  if (need === "twilio") return 403;
  return principal.kind === "anonymous" || principal.kind === "revoked_key" || principal.kind === "twilio" ? 401 : 403;
}

// ——— The session, stubbed ———

/**
 * The signed-in user as lib/auth/session.ts would answer it. A real next-auth session needs a
 * running Next.js request; everything after `auth()` is the real code. Test files install it with
 * `vi.mock("@/lib/auth/session", …)` (see matrix.test.ts).
 */
export const signedIn = { current: null as UserContext | null };

export const sessionStub = {
  auth: async () => signedIn.current,
  requireUser: async () => signedIn.current ?? redirect("/sign-in"),
};

/** What a browser sends with a same-origin fetch; API routes may refuse cookie-authenticated writes without it. */
export const SAME_ORIGIN_HEADERS = { "sec-fetch-site": "same-origin", origin: "http://localhost" } as const;

/** The cookies an action sets (switchWorkspace), for the `next/headers` stub. */
export const cookieJar = new Map<string, string>();

export const headersStub = {
  cookies: async () => ({
    get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name)! } : undefined),
    set: (name: string, value: string) => void cookieJar.set(name, value),
    delete: (name: string) => void cookieJar.delete(name),
    has: (name: string) => cookieJar.has(name),
    getAll: () => [...cookieJar].map(([name, value]) => ({ name, value })),
  }),
  headers: async () => new Headers(SAME_ORIGIN_HEADERS),
};

// ——— Two workspaces with something in them ———

export interface WorkspaceFixture {
  id: string;
  name: string;
  users: Record<Role, { id: string; email: string }>;
  keys: Record<ApiScope, string>;
  keyIds: string[];
  revokedKey: string;
  /** A published SMS template, an IVR offer linking it, and an escalation rule that is not the catch-all, all published. */
  items: Record<ConfigKind, string>;
  /** How Twilio reaches the workspace and the token it signs with (settings publicUrl, twilioAuthToken). */
  telephony: { publicUrl: string; authToken: string };
  /** A member who has not accepted their invitation yet. */
  invitee: { id: string; email: string };
  /** Strings that only this workspace's data contains: event ids, customers, journeys, emails, item ids. */
  secrets: string[];
}

let counter = 0;
/** A name no other call of this test run has produced. */
export const unique = (prefix = "u") => `${prefix}${Date.now().toString(36)}${(++counter).toString(36)}`;

export const SMS_TEMPLATE = {
  name: "Chat link",
  locale: "en-US",
  purpose: "deflection",
  body: "Hi {{first_name}}, skip the queue: chat with us at {{chat_link}} Reply STOP to opt out",
};

export const ivrOffer = (smsTemplateId: string) => ({
  name: "Press 2 for chat",
  point: "ivr_offer",
  enabled: true,
  prompt: "Press 2 and we'll text you a link to our chat assistant.",
  dtmfKey: "2",
  smsTemplateId,
  holdoutPercent: 10,
  priority: 10,
  conditions: { callTypes: ["card_arrival"] },
});

export const ESCALATION_RULE = {
  name: "Asks for an agent",
  priority: 10,
  enabled: true,
  conditions: { keywords: ["agent"] },
  action: { type: "live_agent", queue: "care" },
};

/** Valid fields of each kind, for the workspace whose published template an offer links. */
export function validFields(kind: ConfigKind, ws: Pick<WorkspaceFixture, "items">): Record<string, unknown> {
  if (kind === "sms_template") return { ...SMS_TEMPLATE };
  if (kind === "ivr_offer") return ivrOffer(ws.items.sms_template);
  return structuredClone(ESCALATION_RULE);
}

/** A fresh draft of `kind` in the workspace, for a request that uses it up (delete, publish, edit). */
export async function freshItem(db: Db, ws: Pick<WorkspaceFixture, "id" | "items">, kind: ConfigKind): Promise<string> {
  const fields = validFields(kind, ws);
  return (await createConfigItem(db, ws.id, kind, { ...fields, name: unique("item ") } as never, SYSTEM_ACTOR)).id;
}

/** A workspace with a member of each role, a key of each scope, a revoked key, configuration and events. */
export async function makeFixtureWorkspace(db: Db, name: string): Promise<WorkspaceFixture> {
  const workspace = await makeWorkspace(db, { name });
  const tag = name.toLowerCase().replace(/\W+/g, "-");
  const users = {} as WorkspaceFixture["users"];
  for (const role of ROLES) users[role] = await makeUser(db, workspace.id, role, `${role}@${tag}.test`);
  const keys = {} as WorkspaceFixture["keys"];
  const keyIds: string[] = [];
  for (const scope of API_SCOPES) {
    const created = await createApiKey(db, workspace.id, { name: `${tag} ${scope}`, scopes: [scope] });
    keys[scope] = created.key;
    keyIds.push(created.id);
  }
  const revoked = await createApiKey(db, workspace.id, { name: `${tag} revoked`, scopes: [...API_SCOPES] });
  await revokeApiKey(db, workspace.id, revoked.id, SYSTEM_ACTOR);

  const template = await createConfigItem(db, workspace.id, "sms_template", SMS_TEMPLATE as never, SYSTEM_ACTOR, { publish: true });
  // Published, so that a runtime decision or escalation that reached across workspaces would name them.
  const offer = await createConfigItem(db, workspace.id, "ivr_offer", ivrOffer(template.id) as never, SYSTEM_ACTOR, { publish: true });
  const rule = await createConfigItem(db, workspace.id, "escalation_rule", ESCALATION_RULE as never, SYSTEM_ACTOR, { publish: true });

  const journey = `${tag}-journey`;
  const customer = `${tag}-customer`;
  const at = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 10, minutes)).toISOString();
  const events = [
    event({ id: `${tag}-e1`, type: "offer.shown", occurredAt: at(0), journey, customer, point: "sms_link" }),
    event({ id: `${tag}-e2`, type: "chat.started", occurredAt: at(5), journey, customer, callType: "card_arrival" }),
    event({ id: `${tag}-e3`, type: "chat.resolved", occurredAt: at(9), journey, customer, callType: "card_arrival" }),
    event({ id: `${tag}-e4`, type: "call.received", occurredAt: at(50), customer: `${tag}-caller`, callType: `${tag.replace(/-/g, "_")}_calls` }),
  ];
  await ingestEvents(db, workspace.id, events);
  const telephony = { publicUrl: `https://${tag}.switchboard.test`, authToken: randomBytes(16).toString("hex") };
  await updateSettings(db, workspace.id, { publicUrl: telephony.publicUrl, twilioAuthToken: telephony.authToken }, SYSTEM_ACTOR);
  const invited = await addMemberByEmail(db, workspace.id, { email: `invitee@${tag}.test`, name: "Invitee", role: "manager" }, SYSTEM_ACTOR);

  return {
    id: workspace.id,
    name,
    users,
    keys,
    keyIds,
    revokedKey: revoked.key,
    telephony,
    invitee: { id: invited.user.id, email: invited.user.email },
    items: { sms_template: template.id, ivr_offer: offer.id, escalation_rule: rule.id },
    secrets: [
      workspace.id,
      template.id,
      offer.id,
      rule.id,
      journey,
      customer,
      `${tag}-caller`,
      ...events.map((e) => e.id),
      ...Object.values(users).map((u) => u.email),
      invited.user.email,
      ...keyIds,
      telephony.authToken,
    ],
  };
}

/** The session of `role` in `ws`, as the stub answers it. */
export function sessionOf(ws: WorkspaceFixture, role: Role): UserContext {
  return {
    kind: "user",
    userId: ws.users[role].id,
    email: ws.users[role].email,
    name: role,
    workspaceId: ws.id,
    workspaceName: ws.name,
    role,
    memberships: [{ workspaceId: ws.id, workspaceName: ws.name, role }],
  };
}

/** Signs the principal in (session) or returns its key; sessions also carry the browser's same-origin headers. */
export function credentialsOf(principal: Principal, ws: WorkspaceFixture): { key?: string; headers?: Record<string, string> } {
  signedIn.current = principal.kind === "session" ? sessionOf(ws, principal.role) : null;
  if (principal.kind === "session") return { headers: { ...SAME_ORIGIN_HEADERS } };
  if (principal.kind === "key") return { key: ws.keys[principal.scope] };
  if (principal.kind === "revoked_key") return { key: ws.revokedKey };
  return {};
}

// ——— Discovery ———

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

function filesUnder(folder: string, keep: (relative: string) => boolean): string[] {
  return (fs.readdirSync(path.join(ROOT, folder), { recursive: true, encoding: "utf8" }) as string[])
    .map((relative) => path.posix.join(folder, relative.split(path.sep).join("/")))
    .filter(keep)
    .sort();
}

export interface DiscoveredRoute {
  /** `METHOD /api/v1/sms-templates/[id]`: the key of the expectation table. */
  key: string;
  method: string;
  path: string;
  file: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  handler: (request: any, context: { params: Promise<any> }) => Promise<Response>;
}

/** Every method exported by every app/api/**\/route.ts, imported the way Next.js would. */
export async function discoverRoutes(): Promise<DiscoveredRoute[]> {
  const found: DiscoveredRoute[] = [];
  for (const file of filesUnder("app/api", (f) => path.posix.basename(f) === "route.ts" || path.posix.basename(f) === "route.tsx")) {
    const module = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
    const routePath = "/" + path.posix.dirname(file).replace(/^app\//, "");
    for (const method of HTTP_METHODS) {
      if (typeof module[method] === "function") {
        found.push({ key: `${method} ${routePath}`, method, path: routePath, file, handler: module[method] as DiscoveredRoute["handler"] });
      }
    }
  }
  return found;
}

export interface DiscoveredAction {
  /** `app/(app)/config/actions.ts#saveConfigItem`: the key of the expectation table. */
  key: string;
  file: string;
  name: string;
  action: (...args: unknown[]) => Promise<unknown>;
}

const SOURCE_FOLDERS = ["app", "components", "lib"];
const isSource = (file: string) => /\.(ts|tsx|js|jsx|mjs)$/.test(file) && !/\.test\.tsx?$/.test(file);
const USE_SERVER = /^\s*(["'])use server\1\s*;?\s*$/m;
/** A "use server" directive as the first statement of a module (comments may come before it). */
const MODULE_DIRECTIVE = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(["'])use server\1/;

/** Source files with a "use server" directive anywhere, and those with it at the top (action modules). */
export function serverActionFiles(): { modules: string[]; inline: string[] } {
  const modules: string[] = [];
  const inline: string[] = [];
  for (const folder of SOURCE_FOLDERS) {
    for (const file of filesUnder(folder, isSource)) {
      const text = fs.readFileSync(path.join(ROOT, file), "utf8");
      if (MODULE_DIRECTIVE.test(text)) modules.push(file);
      else if (USE_SERVER.test(text)) inline.push(file);
    }
  }
  return { modules, inline };
}

/** Every function exported by a "use server" module: each is a public POST endpoint. */
export async function discoverActions(): Promise<DiscoveredAction[]> {
  const found: DiscoveredAction[] = [];
  for (const file of serverActionFiles().modules) {
    const module = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module).sort(([a], [b]) => a.localeCompare(b))) {
      if (typeof value === "function") found.push({ key: `${file}#${name}`, file, name, action: value as DiscoveredAction["action"] });
    }
  }
  return found;
}

// ——— What a workspace owns, fingerprinted ———

/**
 * Tables rebuilt from events (by reads, background derivation and their triggers); they change
 * when events do, and the events are fingerprinted. A new derived table belongs here.
 */
export const DERIVED_TABLES = [
  "journeys",
  "offer_exposures",
  "offer_exposure_rollup",
  "offer_exposure_rollup_state",
  "journey_rollup",
  "call_rollup",
  "unresolved_rollup",
  "rollup_dirty",
  "utterances",
  "customer_calls",
  "derive_queue",
];
/** Columns a read may write: a key's last use, the settings the rollups were last built with. */
const VOLATILE_COLUMNS = ["last_used_at", "rollup_time_zone", "rollup_window_hours"];

let ownedTables: Promise<string[]> | null = null;
let ownedTablesDb: Db | null = null;

/** Every table with a workspace_id column, except the derived ones: found in the schema, so a new table is covered at once. */
export function workspaceTables(db: Db): Promise<string[]> {
  if (ownedTablesDb !== db) {
    ownedTablesDb = db;
    ownedTables = queryRows<{ table_name: string }>(
      db,
      sql`select table_name from information_schema.columns
          where table_schema = current_schema() and column_name = 'workspace_id' order by table_name`,
    ).then((rows) => rows.map((row) => row.table_name).filter((table) => !DERIVED_TABLES.includes(table)));
  }
  return ownedTables!;
}

export type Fingerprint = Record<string, { rows: number; digest: string }>;

/**
 * Row count and a digest of every row each workspace owns, table by table, in one query: its own
 * row in `workspaces`, its members' `users` rows, and every row with its workspace_id. The digest
 * is a sum of 64-bit row hashes, so any change to any column (but the volatile ones) changes it.
 */
export async function fingerprints(db: Db, workspaceIds: string[]): Promise<Fingerprint[]> {
  const tables = await workspaceTables(db);
  const volatile = sql.raw(`'{${VOLATILE_COLUMNS.join(",")}}'::text[]`);
  const part = (owner: number, name: string, from: string, where: ReturnType<typeof sql>) =>
    sql`select ${owner}::int as owner, ${name}::text as name, count(*)::int as rows, coalesce(sum(hashtextextended(r, 0)), 0)::text as digest
        from (select (to_jsonb(x) - ${volatile})::text as r from ${sql.raw(`"${from}"`)} x where ${where}) s`;
  const parts = workspaceIds.flatMap((id, owner) => [
    part(owner, "workspaces", "workspaces", sql`x.id = ${id}`),
    part(owner, "users (members)", "users", sql`x.id in (select user_id from memberships where workspace_id = ${id})`),
    ...tables.map((table) => part(owner, table, table, sql`x.workspace_id = ${id}`)),
  ]);
  const rows = await queryRows<{ owner: number; name: string; rows: number; digest: string }>(db, sql.join(parts, sql` union all `));
  return workspaceIds.map((_, owner) =>
    Object.fromEntries(rows.filter((row) => Number(row.owner) === owner).map((row) => [row.name, { rows: Number(row.rows), digest: row.digest }])),
  );
}

export async function fingerprint(db: Db, workspaceId: string): Promise<Fingerprint> {
  return (await fingerprints(db, [workspaceId]))[0];
}

/** The tables whose fingerprint differs, as "caller's events, victim's audit_log"; empty when none. */
export function changedTables(owners: string[], before: Fingerprint[], after: Fingerprint[]): string {
  const changed: string[] = [];
  before.forEach((print, index) => {
    for (const [table, value] of Object.entries(print)) {
      if (JSON.stringify(after[index][table]) !== JSON.stringify(value)) changed.push(`${owners[index]} ${table}`);
    }
  });
  return changed.join(", ");
}

/**
 * Notes every row inserted, updated or deleted in the tables a workspace owns (and `users`,
 * `workspaces`) from now on, by triggers added to this test database: a write that is rolled
 * back leaves no note. Updates of volatile columns only (a key's last use) are not noted.
 * Returns a function that answers the notes since the last time it was asked.
 */
export async function watchWrites(db: Db): Promise<() => Promise<string[]>> {
  const tables = ["users", "workspaces", ...(await workspaceTables(db))];
  const volatile = `'{${VOLATILE_COLUMNS.join(",")}}'::text[]`;
  await db.execute(sql.raw(`create table if not exists security_test_writes (n bigint generated always as identity, note text not null)`));
  await db.execute(
    sql.raw(`create or replace function security_test_note() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' and (to_jsonb(old) - ${volatile}) = (to_jsonb(new) - ${volatile}) then return null; end if;
        insert into security_test_writes (note) values (tg_op || ' ' || tg_table_name);
        return null;
      end $$`),
  );
  for (const table of tables) {
    await db.execute(sql.raw(`drop trigger if exists security_test_note on "${table}"`));
    await db.execute(sql.raw(`create trigger security_test_note after insert or update or delete on "${table}" for each row execute function security_test_note()`));
  }
  let seen = 0;
  return async () => {
    const rows = await queryRows<{ n: number; note: string }>(db, sql`select n, note from security_test_writes where n > ${seen} order by n`);
    if (rows.length > 0) seen = Number(rows[rows.length - 1].n);
    return rows.map((row) => row.note);
  };
}

// ——— The expectation table ———

/** A request to one route: its dynamic segments, query string, and a JSON body or form parameters. */
export interface RequestSpec {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  form?: Record<string, string>;
}

export interface RouteExpectation {
  need: Need;
  /** A valid request in the caller's own workspace: every allowed principal gets a 2xx. It may create what it uses up. */
  own(db: Db, ws: WorkspaceFixture): Promise<RequestSpec> | RequestSpec;
  /** What an allowed principal gets in its own workspace when not a 2xx: a 422 that proves validation, not the guard, answered. */
  ownAnswer?: 422;
  /** The request a caller of `own` aims at the victim's ids. */
  cross(victim: WorkspaceFixture, own: WorkspaceFixture): RequestSpec;
  /**
   * What an allowed cross-workspace caller gets: 404 (422 for a foreign id in a body, 403 for a
   * webhook of another workspace), or a 2xx about its own workspace only.
   */
  crossAnswer: 403 | 404 | 422 | "own_data";
}

/** Routes anyone may call: they read or write nothing of a workspace. */
export const PUBLIC_ROUTES: Record<string, string> = {
  "GET /api/health": "liveness for load balancers: answers { ok, db, engine }, nothing of any workspace",
  "GET /api/auth/[...nextauth]": "next-auth's own endpoints (sign-in page data, CSRF token, session)",
  "POST /api/auth/[...nextauth]": "next-auth's own endpoints (credentials sign-in, sign-out)",
};

const PERIOD = "from=2026-03-01&to=2026-03-31";

/** An IVR offer that cannot share a call with any other (its own call type), so creating and publishing it never conflicts. */
const lonelyOffer = (ws: Pick<WorkspaceFixture, "items">) => ({ ...ivrOffer(ws.items.sms_template), name: unique("offer "), conditions: { callTypes: [unique("ct_")] } });

function fieldsFor(kind: ConfigKind, ws: WorkspaceFixture): Record<string, unknown> {
  return kind === "ivr_offer" ? lonelyOffer(ws) : { ...validFields(kind, ws), name: unique(`${kind} `) };
}

async function freshFor(db: Db, ws: WorkspaceFixture, kind: ConfigKind): Promise<string> {
  if (kind !== "ivr_offer") return freshItem(db, ws, kind);
  return (await createConfigItem(db, ws.id, "ivr_offer", lonelyOffer(ws) as never, SYSTEM_ACTOR)).id;
}

function configRoutes(kind: ConfigKind, segment: string): Record<string, RouteExpectation> {
  const list = `/api/v1/${segment}`;
  const item = `${list}/[id]`;
  return {
    [`GET ${list}`]: { need: "config:read", own: () => ({}), cross: () => ({}), crossAnswer: "own_data" },
    [`POST ${list}`]: {
      need: "config:write",
      own: (_db, ws) => ({ body: fieldsFor(kind, ws) }),
      // A stray workspaceId is ignored; an offer may not link another workspace's template.
      cross: (victim, own) => ({ body: { ...fieldsFor(kind, kind === "ivr_offer" ? victim : own), workspaceId: victim.id } }),
      crossAnswer: kind === "ivr_offer" ? 422 : "own_data",
    },
    [`GET ${item}`]: { need: "config:read", own: (_db, ws) => ({ params: { id: ws.items[kind] } }), cross: (v) => ({ params: { id: v.items[kind] } }), crossAnswer: 404 },
    [`PUT ${item}`]: {
      need: "config:write",
      own: async (db, ws) => ({ params: { id: await freshFor(db, ws, kind) }, body: { version: 1, ...fieldsFor(kind, ws) } }),
      cross: (victim) => ({ params: { id: victim.items[kind] }, body: { version: 1, ...fieldsFor(kind, victim) } }),
      crossAnswer: 404,
    },
    [`DELETE ${item}`]: {
      need: "config:write",
      own: async (db, ws) => ({ params: { id: await freshFor(db, ws, kind) } }),
      cross: (victim) => ({ params: { id: victim.items[kind] } }),
      crossAnswer: 404,
    },
    [`POST ${item}/publish`]: {
      need: "config:write",
      own: async (db, ws) => ({ params: { id: await freshFor(db, ws, kind) }, body: {} }),
      cross: (victim) => ({ params: { id: victim.items[kind] }, body: { version: 1 } }),
      crossAnswer: 404,
    },
    [`GET ${item}/versions`]: {
      need: "config:read",
      own: (_db, ws) => ({ params: { id: ws.items[kind] } }),
      cross: (victim) => ({ params: { id: victim.items[kind] } }),
      crossAnswer: 404,
    },
  };
}

/**
 * Twilio's webhooks carry no credential of ours: each request is signed by Twilio (X-Twilio-Signature
 * over the workspace's public URL) and refused with 403 otherwise (docs/adr/025). Here every
 * principal of the matrix is refused, and a request signed with one workspace's token for
 * another's webhook too; test/telephony-webhooks.test.ts and test/telephony-fuzz.test.ts test
 * the webhooks themselves. A webhook of `ws`, as Twilio calls it: form parameters, the workspace in the path.
 */
function twilioRoutes(): Record<string, RouteExpectation> {
  const base = "/api/runtime/twilio/[workspaceId]";
  const caller = () => ({ CallSid: unique("CA"), From: "+14155550100", To: "+14155550199" });
  const entries: [string, string | undefined, () => Record<string, string>, 422 | undefined][] = [
    ["voice", "callType=card_arrival", caller, undefined],
    // No offer was made with this decision id: validated and refused, never stored.
    ["gather", "decision=00000000-0000-0000-0000-000000000000", () => ({ ...caller(), Digits: "2" }), 422],
    ["sms-status", "message=00000000-0000-0000-0000-000000000000", () => ({ MessageSid: unique("SM"), MessageStatus: "delivered" }), 422],
    ["sms-inbound", undefined, () => ({ MessageSid: unique("SM"), From: "+14155550100", Body: "Hello" }), undefined],
  ];
  return Object.fromEntries(
    entries.map(([hook, query, form, ownAnswer]) => [
      `POST ${base}/${hook}`,
      {
        need: "twilio",
        own: (_db, ws) => ({ params: { workspaceId: ws.id }, query, form: form() }),
        ownAnswer,
        // Signed with the caller's token for the victim's URL: the victim's webhook must refuse it.
        cross: (victim) => ({ params: { workspaceId: victim.id }, query, form: form() }),
        crossAnswer: 403,
      } satisfies RouteExpectation,
    ]),
  );
}

const callReceived = (id: string) => ({ id, type: "call.received", occurredAt: new Date().toISOString(), customer: "caller-1", callType: "card_arrival" });

/** Every route and method under app/api, and what it needs. */
export const ROUTE_EXPECTATIONS: Record<string, RouteExpectation> = {
  ...configRoutes("sms_template", "sms-templates"),
  ...configRoutes("ivr_offer", "ivr-offers"),
  ...configRoutes("escalation_rule", "escalation-rules"),
  "POST /api/v1/sms-templates/preview": {
    need: "config:read",
    own: () => ({ body: { body: "Hi {{first_name}}, chat: {{chat_link}}", vars: { first_name: "Ada" } } }),
    cross: () => ({ body: { body: "Hi {{first_name}}" } }),
    crossAnswer: "own_data",
  },
  "POST /api/v1/events": {
    need: "events:import",
    own: () => ({ body: { events: [callReceived(unique("evt-"))] } }),
    // The victim's event ids are only ids: in another workspace they are new events of that workspace.
    cross: (victim) => ({ body: { events: victim.secrets.filter((s) => /-e\d$/.test(s)).map(callReceived) } }),
    crossAnswer: "own_data",
  },
  "POST /api/v1/decide": {
    need: "runtime",
    own: () => ({ body: { point: "ivr_offer", customer: "caller-1", contactId: unique("CA"), callType: "card_arrival" } }),
    // The victim's offer matches this call too; the answer may only come from the caller's own offers.
    cross: (victim) => ({ body: { point: "ivr_offer", customer: victim.secrets[5], contactId: unique("CA"), callType: "card_arrival" } }),
    crossAnswer: "own_data",
  },
  "POST /api/v1/escalate": {
    need: "runtime",
    own: () => ({ body: { message: "I want an agent", failedAttempts: 2 } }),
    cross: () => ({ body: { message: "I want an agent", failedAttempts: 2 } }),
    crossAnswer: "own_data",
  },
  "POST /api/runtime/messages": {
    need: "runtime",
    // The workspace's SMS provider is the outbox: the message is kept, nothing leaves.
    own: (_db, ws) => ({ body: { point: "sms_link", to: "+14155550100", contactId: unique("contact"), templateId: ws.items.sms_template } }),
    // Another workspace's template is no template of the caller's.
    cross: (victim) => ({ body: { point: "sms_link", to: "+14155550100", contactId: unique("contact"), templateId: victim.items.sms_template } }),
    crossAnswer: 422,
  },
  "GET /api/v1/call-types": { need: "metrics:read", own: () => ({}), cross: () => ({}), crossAnswer: "own_data" },
  "GET /api/v1/journeys": { need: "metrics:read", own: () => ({ query: PERIOD }), cross: () => ({ query: PERIOD }), crossAnswer: "own_data" },
  "GET /api/v1/metrics/funnel": { need: "metrics:read", own: () => ({ query: PERIOD }), cross: () => ({ query: PERIOD }), crossAnswer: "own_data" },
  "GET /api/v1/metrics/parity": { need: "metrics:read", own: () => ({ query: PERIOD }), cross: () => ({ query: PERIOD }), crossAnswer: "own_data" },
  "GET /api/v1/metrics/timeseries": {
    need: "metrics:read",
    own: () => ({ query: `${PERIOD}&interval=day` }),
    cross: () => ({ query: `${PERIOD}&interval=day` }),
    crossAnswer: "own_data",
  },
  "GET /api/v1/metrics/roi": { need: "metrics:read", own: () => ({ query: "from=2026-01&to=2026-06" }), cross: () => ({ query: "from=2026-01&to=2026-06" }), crossAnswer: "own_data" },
  "GET /api/v1/metrics/incrementality": { need: "metrics:read", own: () => ({ query: PERIOD }), cross: () => ({ query: PERIOD }), crossAnswer: "own_data" },
  "GET /api/v1/metrics/changes": { need: "metrics:read", own: () => ({ query: PERIOD }), cross: () => ({ query: PERIOD }), crossAnswer: "own_data" },
  "GET /api/v1/settings": { need: "metrics:read", own: () => ({}), cross: () => ({}), crossAnswer: "own_data" },
  "PATCH /api/v1/settings": { need: "settings:write", own: () => ({ body: { windowHours: 48 } }), cross: () => ({ body: { windowHours: 24 } }), crossAnswer: "own_data" },
  ...twilioRoutes(),
};

export interface ActionExpectation {
  need: Need;
  /** Form actions take (previous state, input) and answer an ActionState; a plain one takes (input). */
  form: boolean;
  /** A valid input in the caller's own workspace: every allowed role gets `{ status: "ok" }` (a plain action: no error but a redirect). */
  own(db: Db, ws: WorkspaceFixture): Promise<unknown> | unknown;
  /** An input that names the victim's ids or accounts. */
  cross(victim: WorkspaceFixture, own: WorkspaceFixture): unknown;
  /** "error": refused; "any": it may act on the caller's own workspace, never on the victim's. */
  crossAnswer: "error" | "any";
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

/** A fresh invitation in the workspace: the invitee's id and the link's token. */
async function invite(db: Db, ws: WorkspaceFixture): Promise<{ userId: string; token: string }> {
  const outcome = await addMemberByEmail(db, ws.id, { email: `${unique("invitee")}@${ws.id}.test`, name: "Invitee", role: "manager" }, SYSTEM_ACTOR);
  if (outcome.kind !== "invited") throw new Error(`expected an invitation, got ${outcome.kind}`);
  return { userId: outcome.user.id, token: outcome.invitation.token };
}

const freshMember = async (db: Db, ws: WorkspaceFixture) => (await makeUser(db, ws.id, "manager", `${unique("member")}@${ws.id}.test`)).id;

const CONFIG_ACTIONS = "app/(app)/config/actions.ts";
const SETTINGS_ACTIONS = "app/(app)/settings/actions.ts";

/** Every exported function of every "use server" module, and what it needs. */
export const ACTION_EXPECTATIONS: Record<string, ActionExpectation> = {
  "app/(app)/actions.ts#switchWorkspace": {
    need: "member",
    form: false,
    own: (_db, ws) => ws.id,
    cross: (victim) => victim.id,
    crossAnswer: "error",
  },
  [`${CONFIG_ACTIONS}#saveConfigItem`]: {
    need: "config:write",
    form: true,
    own: (_db, ws) => ({ kind: "sms_template", fields: fieldsFor("sms_template", ws) }),
    cross: (victim) => ({ kind: "sms_template", id: victim.items.sms_template, version: 1, fields: fieldsFor("sms_template", victim) }),
    crossAnswer: "error",
  },
  [`${CONFIG_ACTIONS}#publishConfig`]: {
    need: "config:write",
    form: true,
    own: async (db, ws) => ({ kind: "escalation_rule", id: await freshFor(db, ws, "escalation_rule") }),
    cross: (victim) => ({ kind: "escalation_rule", id: victim.items.escalation_rule }),
    crossAnswer: "error",
  },
  [`${CONFIG_ACTIONS}#deleteConfig`]: {
    need: "config:write",
    form: true,
    own: async (db, ws) => ({ kind: "sms_template", id: await freshFor(db, ws, "sms_template") }),
    cross: (victim) => ({ kind: "ivr_offer", id: victim.items.ivr_offer }),
    crossAnswer: "error",
  },
  [`${CONFIG_ACTIONS}#duplicateConfig`]: {
    need: "config:write",
    form: true,
    own: (_db, ws) => ({ kind: "escalation_rule", id: ws.items.escalation_rule }),
    cross: (victim) => ({ kind: "escalation_rule", id: victim.items.escalation_rule }),
    crossAnswer: "error",
  },
  [`${CONFIG_ACTIONS}#setConfigEnabled`]: {
    need: "config:write",
    form: true,
    own: async (db, ws) => ({ kind: "escalation_rule", id: await freshFor(db, ws, "escalation_rule"), enabled: false, version: 1 }),
    cross: (victim) => ({ kind: "ivr_offer", id: victim.items.ivr_offer, enabled: false, version: 1 }),
    crossAnswer: "error",
  },
  [`${CONFIG_ACTIONS}#moveRule`]: {
    need: "config:write",
    form: true,
    own: async (db, ws) => ({ id: await freshFor(db, ws, "escalation_rule"), direction: "up" }),
    cross: (victim) => ({ id: victim.items.escalation_rule, direction: "up" }),
    crossAnswer: "error",
  },
  [`${CONFIG_ACTIONS}#publishAll`]: {
    need: "config:write",
    form: true,
    own: () => ({ kind: "sms_template" }),
    cross: () => ({ kind: "escalation_rule" }),
    crossAnswer: "any",
  },
  [`${SETTINGS_ACTIONS}#saveSettings`]: {
    need: "settings:write",
    form: true,
    own: () => form({ timeZone: "Europe/London", windowHours: "48", currency: "eur", phoneCost: "6.5", digitalCost: "0.5", resolutionTargetPercent: "75" }),
    cross: () => form({ timeZone: "UTC", windowHours: "24", currency: "USD", phoneCost: "1", digitalCost: "0.1", resolutionTargetPercent: "10" }),
    crossAnswer: "any",
  },
  [`${SETTINGS_ACTIONS}#savePhoneCostOverride`]: {
    need: "settings:write",
    form: true,
    own: () => form({ callType: "card_arrival", phoneCost: "5.5" }),
    cross: () => form({ callType: "card_arrival", phoneCost: "0" }),
    crossAnswer: "any",
  },
  [`${SETTINGS_ACTIONS}#addMember`]: {
    need: "settings:write",
    form: true,
    own: (_db, ws) => ({ email: `${unique("new")}@${ws.id}.test`, name: "New Member", role: "manager" }),
    // Issue 11, finding 1: adding another workspace's admin must not touch their account (the
    // form once took a password and overwrote theirs; one sent anyway must still be ignored).
    cross: (victim) => ({ email: victim.users.admin.email, name: "Mallory", role: "admin", password: "chosen-by-the-attacker" }),
    crossAnswer: "any",
  },
  [`${SETTINGS_ACTIONS}#renewInvitation`]: {
    need: "settings:write",
    form: true,
    own: async (db, ws) => ({ userId: (await invite(db, ws)).userId }),
    // A link for another workspace's invitee would let this admin choose that person's password.
    cross: (victim) => ({ userId: victim.invitee.id }),
    crossAnswer: "error",
  },
  [`${SETTINGS_ACTIONS}#changeRole`]: {
    need: "settings:write",
    form: true,
    own: async (db, ws) => ({ userId: await freshMember(db, ws), role: "supervisor" }),
    cross: (victim) => ({ userId: victim.users.manager.id, role: "admin" }),
    crossAnswer: "error",
  },
  [`${SETTINGS_ACTIONS}#removeMember`]: {
    need: "settings:write",
    form: true,
    own: async (db, ws) => ({ userId: await freshMember(db, ws) }),
    cross: (victim) => ({ userId: victim.users.manager.id }),
    crossAnswer: "any",
  },
  [`${SETTINGS_ACTIONS}#createKey`]: {
    need: "settings:write",
    form: true,
    own: () => ({ name: unique("key "), scopes: ["metrics:read"] }),
    cross: () => ({ name: unique("key "), scopes: ["settings:write"] }),
    crossAnswer: "any",
  },
  [`${SETTINGS_ACTIONS}#revokeKey`]: {
    need: "settings:write",
    form: true,
    own: async (db, ws) => ({ id: (await createApiKey(db, ws.id, { name: unique("doomed "), scopes: ["metrics:read"] })).id }),
    cross: (victim) => ({ id: victim.keyIds[0] }),
    crossAnswer: "error",
  },
  "app/(auth)/invite/actions.ts#acceptInvitationAction": {
    // The invitation's token is the credential: signed in or not, whoever holds a live one may use it once.
    need: "anyone",
    form: true,
    own: async (db, ws) => ({ token: (await invite(db, ws)).token, password: "my own long password", confirm: "my own long password" }),
    // A token of the right shape that nobody issued.
    cross: () => ({ token: "A".repeat(43), password: "my own long password", confirm: "my own long password" }),
    crossAnswer: "error",
  },
};
