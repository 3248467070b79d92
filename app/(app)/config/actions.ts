"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import {
  createConfigItem,
  deleteConfigItem,
  duplicateConfigItem,
  moveEscalationRule,
  publishAllDrafts,
  publishConfigItem,
  setConfigItemEnabled,
  updateConfigItem,
} from "@/db/queries/config";
import { type ActionState, guardedAction } from "@/lib/auth/action";
import { zodFieldErrors } from "@/lib/auth/field-errors";
import { ConfigError } from "@/lib/config/errors";
import { CONFIG_KINDS, type ConfigFieldsByKind, type ConfigKind, KIND_INFO } from "@/lib/config/kinds";

/*
 * The editors' server actions. Each is a public POST endpoint: guardedAction checks the session
 * and the `config:write` capability first, then the same zod schemas as the REST API, then the
 * same data-access functions (so the same 409 / 422 rules and the same audit entries).
 */

export type SavedItem = { id: string; version: number };

const kind = z.enum(CONFIG_KINDS, "Unknown kind of configuration");
const id = z.string().min(1).max(128);
const version = z.number().int().min(1);

function pathsOf(kindName: ConfigKind, extra: string[] = []) {
  for (const path of [`/config/${KIND_INFO[kindName].segment}`, ...extra]) revalidatePath(path, "layout");
  revalidatePath("/audit");
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A refusal from the data layer as the form shows it; a stale edit says so under `version`. */
function refused(error: unknown): ActionState<never> {
  if (!(error instanceof ConfigError)) throw error;
  const fieldErrors: Record<string, string> = {};
  for (const problem of error.problems) fieldErrors[problem.path || "form"] ??= problem.message;
  if (error.reason === "conflict") fieldErrors.version = error.message;
  return { status: "error", message: error.message, fieldErrors };
}

const saveInput = z.object({ kind, id: id.optional(), version: version.optional(), fields: z.record(z.string(), z.unknown()) });

/** Creates an item (version 1, a draft), or saves a new draft version on top of `version`. */
export const saveConfigItem = guardedAction("config:write", saveInput, async (input, { db, user, actor }): Promise<ActionState<SavedItem>> => {
  const info = KIND_INFO[input.kind];
  const parsed = info.schema.safeParse(input.fields);
  if (!parsed.success) return { status: "error", message: "Some fields need attention. Nothing was saved.", fieldErrors: zodFieldErrors(parsed.error) };
  const fields = parsed.data as ConfigFieldsByKind[typeof input.kind];
  try {
    const record =
      input.id === undefined
        ? await createConfigItem(db, user.workspaceId, input.kind, fields, actor)
        : await updateConfigItem(db, user.workspaceId, input.kind, input.id, input.version ?? 0, fields, actor);
    pathsOf(input.kind);
    const created = input.id === undefined;
    const unchanged = !created && record.version === input.version;
    return {
      status: "ok",
      message: unchanged ? "No changes to save." : created ? "Saved as a draft (version 1). Publish it to make it live." : `Saved as draft version ${record.version}. Publish it to make it live.`,
      data: { id: record.id, version: record.version },
    };
  } catch (error) {
    return refused(error);
  }
});

export const publishConfig = guardedAction(
  "config:write",
  z.object({ kind, id, version: version.optional() }),
  async (input, { db, user, actor }): Promise<ActionState<SavedItem>> => {
    try {
      const before = input.version;
      const record = await publishConfigItem(db, user.workspaceId, input.kind, input.id, input.version, actor);
      pathsOf(input.kind);
      const label = capitalize(KIND_INFO[input.kind].label);
      return {
        status: "ok",
        message: before !== undefined && before < record.version ? `${label} rolled back: version ${before} is live.` : `${label} published: version ${record.publishedVersion} is live.`,
        data: { id: record.id, version: record.version },
      };
    } catch (error) {
      return refused(error);
    }
  },
);

export const deleteConfig = guardedAction("config:write", z.object({ kind, id }), async (input, { db, user, actor }): Promise<ActionState<never>> => {
  try {
    await deleteConfigItem(db, user.workspaceId, input.kind, input.id, actor);
    pathsOf(input.kind);
    return { status: "ok", message: `${capitalize(KIND_INFO[input.kind].label)} deleted.` };
  } catch (error) {
    return refused(error);
  }
});

export const duplicateConfig = guardedAction("config:write", z.object({ kind, id }), async (input, { db, user, actor }): Promise<ActionState<SavedItem>> => {
  try {
    const record = await duplicateConfigItem(db, user.workspaceId, input.kind, input.id, actor);
    pathsOf(input.kind);
    return { status: "ok", message: "Copied as a new draft.", data: { id: record.id, version: record.version } };
  } catch (error) {
    return refused(error);
  }
});

export const setConfigEnabled = guardedAction(
  "config:write",
  z.object({ kind: z.enum(["ivr_offer", "escalation_rule"]), id, enabled: z.boolean(), version }),
  async (input, { db, user, actor }): Promise<ActionState<SavedItem>> => {
    try {
      const record = await setConfigItemEnabled(db, user.workspaceId, input.kind, input.id, input.enabled, input.version, actor);
      pathsOf(input.kind);
      const live = record.publishedVersion === record.version;
      const what = input.enabled ? "enabled" : "disabled";
      return {
        status: "ok",
        message: live ? `${capitalize(KIND_INFO[input.kind].label)} ${what}, live now as version ${record.version}.` : `Draft ${what}; it is not live yet.`,
        data: { id: record.id, version: record.version },
      };
    } catch (error) {
      return refused(error);
    }
  },
);

export const moveRule = guardedAction(
  "config:write",
  z.object({ id, direction: z.enum(["up", "down"]) }),
  async (input, { db, user, actor }): Promise<ActionState<never>> => {
    try {
      const changed = await moveEscalationRule(db, user.workspaceId, input.id, input.direction, actor);
      pathsOf("escalation_rule");
      return changed === 0
        ? { status: "ok", message: "Already there." }
        : { status: "ok", message: "Order changed as a draft. Publish the changes to make the new order live." };
    } catch (error) {
      return refused(error);
    }
  },
);

export const publishAll = guardedAction("config:write", z.object({ kind }), async (input, { db, user, actor }): Promise<ActionState<never>> => {
  try {
    const count = await publishAllDrafts(db, user.workspaceId, input.kind, actor);
    pathsOf(input.kind);
    return { status: "ok", message: count === 0 ? "Nothing to publish." : `Published ${count} ${count === 1 ? KIND_INFO[input.kind].label : KIND_INFO[input.kind].plural}.` };
  } catch (error) {
    return refused(error);
  }
});
