import "server-only";
import type { z } from "zod";
import type { Db } from "@/db";
import { getSettings } from "@/db/queries/settings";
import type { WorkspaceSettings } from "@/lib/settings/schema";
import { searchParamsObject } from "@/lib/metrics/params";
import { notFound } from "./errors";
import { parseWith } from "./route";

/** The workspace's settings, which every metric reads. */
export async function settingsOf(db: Db, workspaceId: string): Promise<WorkspaceSettings> {
  const settings = await getSettings(db, workspaceId);
  if (!settings) throw notFound("workspace");
  return settings;
}

/** Parses the query string with a metrics schema; problems become a 422 naming each parameter. */
export function parseQuery<S extends z.ZodType>(schema: S, url: URL): z.infer<S> {
  return parseWith(schema, searchParamsObject(url.searchParams));
}
