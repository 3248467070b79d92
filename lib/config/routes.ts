import "server-only";
import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { z } from "zod";
import {
  createConfigItem,
  deleteConfigItem,
  getConfigItem,
  listConfigItems,
  listConfigVersions,
  publishConfigItem,
  updateConfigItem,
} from "@/db/queries/config";
import { ApiError, notFound } from "@/lib/api/errors";
import { actorOf, apiRoute, parseWith, readJson } from "@/lib/api/route";
import { ConfigError } from "./errors";
import { type ConfigFieldsByKind, type ConfigKind, KIND_INFO } from "./kinds";
import { toApiItem, toApiVersion } from "./view";
import { isStorableText } from "@/lib/domain/text";

/**
 * The REST API of one configuration kind (DESIGN.md "HTTP API"): the three route files of each
 * kind export these handlers, so the three kinds behave identically. Reads need `config:read`,
 * writes `config:write` (the role, or the API key's scope); the workspace is the caller's.
 */

/** A configuration item is small; a body this large is a mistake or an attack. */
const MAX_BODY_BYTES = 64 * 1024;

type IdParams = { id: string };

/** An id that could be stored; any other names no item (404), never a database error. */
const storableId = (id: string) => id.length <= 128 && isStorableText(id);

export function toApiError(error: unknown): unknown {
  if (!(error instanceof ConfigError)) return error;
  switch (error.reason) {
    case "not_found":
      return new ApiError(404, "not_found", error.message);
    case "conflict":
      return new ApiError(409, "conflict", error.message, error.problems);
    case "invalid":
      return new ApiError(422, "invalid", error.message, error.problems.map((problem) => ({ path: problem.path || "(body)", message: problem.message })));
  }
}

async function mapErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toApiError(error);
  }
}

const publishRequestSchema = z.object({
  version: z
    .number({ error: "The version must be a number" })
    .int("The version must be a whole number")
    .min(1, "The version must be at least 1")
    .max(Number.MAX_SAFE_INTEGER)
    .optional(),
});

/** The publish body is optional: no body at all publishes the latest version. */
async function readOptionalJson(request: NextRequest): Promise<unknown> {
  const hasType = request.headers.has("content-type");
  const length = request.headers.get("content-length");
  if (!hasType && (length === null || length === "0")) {
    const text = await request.text();
    if (text.trim() === "") return {};
  }
  return readJson(request, MAX_BODY_BYTES);
}

export function configRoutes<K extends ConfigKind>(kind: K) {
  const info = KIND_INFO[kind];
  const missing = () => notFound(info.label);

  return {
    list: apiRoute("config:read", async ({ db, principal }) => ({
      items: (await listConfigItems(db, principal.workspaceId, kind)).map(toApiItem),
    })),

    create: apiRoute("config:write", async ({ request, db, principal }) => {
      const fields = parseWith(info.schema, await readJson(request, MAX_BODY_BYTES)) as ConfigFieldsByKind[K];
      const record = await mapErrors(() => createConfigItem(db, principal.workspaceId, kind, fields, actorOf(principal)));
      return NextResponse.json(toApiItem(record), { status: 201 });
    }),

    get: apiRoute<IdParams>("config:read", async ({ db, principal, params }) => {
      if (!storableId(params.id)) throw missing();
      const record = await getConfigItem(db, principal.workspaceId, kind, params.id);
      if (!record) throw missing();
      return toApiItem(record);
    }),

    update: apiRoute<IdParams>("config:write", async ({ request, db, principal, params }) => {
      if (!storableId(params.id)) throw missing();
      const body = await readJson(request, MAX_BODY_BYTES);
      // A missing item is a 404 even when the body is also wrong: say first what matters most.
      if (!(await getConfigItem(db, principal.workspaceId, kind, params.id))) throw missing();
      const { version, ...fields } = parseWith(info.updateSchema, body) as Record<string, unknown> & { version: number };
      const record = await mapErrors(() =>
        updateConfigItem(db, principal.workspaceId, kind, params.id, version, fields as ConfigFieldsByKind[K], actorOf(principal)),
      );
      return toApiItem(record);
    }),

    remove: apiRoute<IdParams>("config:write", async ({ db, principal, params }) => {
      if (!storableId(params.id)) throw missing();
      await mapErrors(() => deleteConfigItem(db, principal.workspaceId, kind, params.id, actorOf(principal)));
      return new Response(null, { status: 204 });
    }),

    publish: apiRoute<IdParams>("config:write", async ({ request, db, principal, params }) => {
      if (!storableId(params.id)) throw missing();
      const { version } = parseWith(publishRequestSchema, await readOptionalJson(request));
      const record = await mapErrors(() => publishConfigItem(db, principal.workspaceId, kind, params.id, version, actorOf(principal)));
      return toApiItem(record);
    }),

    versions: apiRoute<IdParams>("config:read", async ({ db, principal, params }) => {
      if (!storableId(params.id)) throw missing();
      const history = await listConfigVersions(db, principal.workspaceId, kind, params.id);
      if (!history) throw missing();
      return { items: history.versions.map((version) => toApiVersion(kind, version, history.item.publishedVersion)) };
    }),
  };
}
