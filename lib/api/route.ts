import "server-only";
import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { z } from "zod";
import { type Db, getDb } from "@/db";
import type { Actor } from "@/db/queries/audit";
import { findApiKey, touchApiKey } from "@/db/queries/api-keys";
import { auth } from "@/lib/auth/session";
import { type Capability, SCOPE_FOR_CAPABILITY, can } from "@/lib/auth/roles";
import type { ApiScope, Role } from "@/lib/domain";
import { errorForLog } from "@/lib/log";
import { ApiError, forbiddenError, invalid, unauthorized } from "./errors";

/** Who is calling: a signed-in user (browser) or an API key (machine client), always in one workspace. */
export type Principal =
  | { kind: "user"; workspaceId: string; userId: string; email: string; role: Role }
  | { kind: "api_key"; workspaceId: string; keyId: string; name: string; scopes: ApiScope[] };

export function actorOf(principal: Principal): Actor {
  return principal.kind === "user"
    ? { type: "user", id: principal.userId, label: principal.email }
    : { type: "api_key", id: principal.keyId, label: `API key ${principal.name}` };
}

export function principalAllows(principal: Principal, capability: Capability): boolean {
  return principal.kind === "user"
    ? can(principal.role, capability)
    : principal.scopes.includes(SCOPE_FOR_CAPABILITY[capability]);
}

async function authenticate(request: NextRequest, db: Db): Promise<Principal> {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    const key = match ? await findApiKey(db, match[1]) : null;
    if (!key) throw new ApiError(401, "unauthorized", "The API key is not valid or has been revoked.");
    void touchApiKey(db, key.workspaceId, key.id).catch(() => {});
    return { kind: "api_key", workspaceId: key.workspaceId, keyId: key.id, name: key.name, scopes: key.scopes };
  }
  const user = await auth();
  if (!user) throw unauthorized();
  return { kind: "user", workspaceId: user.workspaceId, userId: user.userId, email: user.email, role: user.role };
}

export interface RouteContext<P> {
  request: NextRequest;
  db: Db;
  principal: Principal;
  params: P;
}

type Handler<P> = (context: RouteContext<P>) => Promise<Response | unknown>;

/**
 * The one wrapper of every API route: credential → workspace → capability (role or scope) →
 * handler → JSON. Every error leaves as DESIGN.md's error shape; nothing a client sends can
 * turn into a 500.
 */
export function apiRoute<P = Record<string, never>>(capability: Capability, handler: Handler<P>) {
  return async (request: NextRequest, segment: { params: Promise<P> }): Promise<Response> => {
    try {
      const db = await getDb();
      const principal = await authenticate(request, db);
      if (!principalAllows(principal, capability)) throw forbiddenError(describe(capability));
      if (principal.kind === "user") requireSameOriginWrite(request);
      const result = await handler({ request, db, principal, params: await segment.params });
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      if (error instanceof ApiError) return error.toResponse();
      if (error instanceof z.ZodError) return invalid(error).toResponse();
      // Never the error object: a failed query's carries what the request sent (lib/log.ts).
      console.error(`Unexpected error in ${request.method} ${request.nextUrl.pathname}: ${errorForLog(error)}`);
      return new ApiError(500, "internal", "Something went wrong on our side; nothing was changed.").toResponse();
    }
  };
}

/**
 * The caller, when allowed `capability`: what apiRoute checks before its handler, for a route
 * that must shape its own answers (runtime decisions answer within a time budget, docs/adr/024).
 */
export async function authorize(request: NextRequest, db: Db, capability: Capability): Promise<Principal> {
  const principal = await authenticate(request, db);
  if (!principalAllows(principal, capability)) throw forbiddenError(describe(capability));
  return principal;
}

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A write with the session cookie must come from the app's own pages (issue 11, finding 8): a
 * page on another origin of the same site can send the cookie with a bodiless POST (publish).
 * Browsers say where a request comes from in `Sec-Fetch-Site`; older ones only in `Origin`,
 * which must then be the app's origin (NEXTAUTH_URL's when set, else the request's own). API
 * keys are not sent by browsers on their own, so key requests are not checked.
 */
function requireSameOriginWrite(request: NextRequest): void {
  if (READ_METHODS.has(request.method)) return;
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  const sameOrigin = site !== null ? site === "same-origin" : origin !== null && origin === appOrigin(request);
  if (!sameOrigin) {
    throw new ApiError(
      403,
      "forbidden",
      "This change was not sent from Switchboard's own pages, so the sign-in cookie is not accepted for it. " +
        "Make changes in the app, or send an API key as 'Authorization: Bearer <key>'.",
    );
  }
}

function appOrigin(request: NextRequest): string {
  const configured = process.env.NEXTAUTH_URL;
  return configured && URL.canParse(configured) ? new URL(configured).origin : request.nextUrl.origin;
}

function describe(capability: Capability): string {
  return {
    "metrics:read": "read metrics (scope metrics:read)",
    "config:read": "read configuration (scope config:read)",
    "config:write": "change configuration (scope config:write)",
    "events:import": "send events (scope events:write)",
    "settings:write": "change workspace settings (scope settings:write or the admin role)",
    runtime: "ask for runtime decisions (scope runtime; an API key only, never a signed-in user)",
  }[capability];
}

/**
 * Reads a JSON body of at most `limit` bytes. A body that is too large is refused (413) before it
 * is read whole; one that is not JSON gets a 400, a wrong content type a 415.
 */
export async function readJson(request: NextRequest, limit: number): Promise<unknown> {
  return parseJsonBytes(await readJsonBytes(request, limit));
}

/** The bytes of a JSON body of at most `limit` bytes, refused as readJson refuses them; not yet decoded. */
export async function readJsonBytes(request: NextRequest, limit: number): Promise<Uint8Array> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new ApiError(415, "unsupported_media_type", "Send the body as JSON with 'Content-Type: application/json'.");
  }
  const length = request.headers.get("content-length");
  const declared = length === null ? null : Number(length);
  if (declared !== null && declared > limit) throw tooLarge(limit);
  if (!request.body) throw new ApiError(400, "malformed", "The request has no body.");
  // A declared length is what the HTTP parser delivers, no more: the body is read in one go. A
  // chunked body is read piece by piece and refused as soon as it passes the limit.
  return declared !== null && Number.isSafeInteger(declared) ? new Uint8Array(await request.arrayBuffer()) : await readAtMost(request.body, limit);
}

/** A body's bytes as JSON: a 400 when they are not UTF-8 or not JSON. */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, "malformed", "The body is not valid UTF-8.");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "malformed", "The body is not valid JSON.");
  }
}

async function readAtMost(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
}

function tooLarge(limit: number) {
  return new ApiError(413, "too_large", `The body is larger than ${formatBytes(limit)}.`);
}

/** 64 KB, 5 MB: a limit as people read it (a sub-MB limit once read "0 MB"). */
function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/** Parses with a zod schema, turning failures into a 422 that names each field. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, listKey?: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid(parsed.error, listKey);
  return parsed.data;
}
