import "server-only";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { callTypes, workspaces } from "@/db/schema";
import { callTypeNameFromSlug } from "@/lib/domain";
import type { NetSavingsCosts, SettingsPatch, WorkspaceSettings } from "@/lib/settings/schema";
import type { TelephonySettings } from "@/lib/telephony/settings";
import { type Actor, recordAudit } from "./audit";

export async function getSettings(db: Db, workspaceId: string): Promise<WorkspaceSettings | null> {
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!workspace) return null;
  const overrides = await db
    .select({ slug: callTypes.slug, phoneCost: callTypes.phoneCost })
    .from(callTypes)
    .where(and(eq(callTypes.workspaceId, workspaceId), isNotNull(callTypes.phoneCost)));
  return {
    timeZone: workspace.timeZone,
    windowHours: workspace.windowHours,
    currency: workspace.currency,
    phoneCost: Number(workspace.phoneCost),
    phoneCostByCallType: Object.fromEntries(overrides.map((o) => [o.slug, Number(o.phoneCost)])),
    digitalCost: Number(workspace.digitalCost),
    resolutionTarget: Number(workspace.resolutionTarget),
  };
}

/** What an SMS segment and a bot conversation cost, for net savings (docs/adr/026). */
export async function getNetSavingsCosts(db: Db, workspaceId: string): Promise<NetSavingsCosts | null> {
  const [row] = await db
    .select({ smsCostPerSegment: workspaces.smsCostPerSegment, botCostPerConversation: workspaces.botCostPerConversation })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return row ? { smsCostPerSegment: Number(row.smsCostPerSegment), botCostPerConversation: Number(row.botCostPerConversation) } : null;
}

/** The telephony and messaging settings (docs/adr/025) as they may be shown: never the auth token or a secret. */
export async function getTelephonySettings(db: Db, workspaceId: string): Promise<TelephonySettings | null> {
  const [row] = await db
    .select({
      smsProvider: workspaces.smsProvider,
      publicUrl: workspaces.publicUrl,
      chatUrl: workspaces.chatUrl,
      twilioAccountSid: workspaces.twilioAccountSid,
      twilioAuthTokenSet: sql<boolean>`${workspaces.twilioAuthToken} is not null`,
      smsFrom: workspaces.smsFrom,
      quietHours: workspaces.quietHours,
      fallbackUrl: workspaces.fallbackUrl,
    })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return row ? { ...row, twilioAuthTokenSet: row.twilioAuthTokenSet === true } : null;
}

/**
 * What the audit log keeps of the settings: the auth token only as "set" or "not set" ("set (new
 * token)" when one replaced another), never its value.
 */
async function auditedSettings(db: Db, workspaceId: string, replacedToken = false) {
  const settings = await getSettings(db, workspaceId);
  const telephony = await getTelephonySettings(db, workspaceId);
  const costs = await getNetSavingsCosts(db, workspaceId);
  if (!settings || !telephony) return null;
  const { twilioAuthTokenSet, ...shown } = telephony;
  return { ...settings, ...costs, ...shown, twilioAuthToken: twilioAuthTokenSet ? (replacedToken ? "set (new token)" : "set") : "not set" };
}

/** Applies a settings change and records it, before and after, in the audit log. */
export async function updateSettings(db: Db, workspaceId: string, patch: SettingsPatch, actor: Actor): Promise<WorkspaceSettings> {
  return db.transaction(async (tx) => {
    const before = await auditedSettings(tx as unknown as Db, workspaceId);
    if (!before) throw new Error(`No workspace ${workspaceId}`);
    const { phoneCostByCallType, ...columns } = patch;
    if (Object.keys(columns).length > 0) {
      await tx.update(workspaces).set({ ...columns, updatedAt: new Date() }).where(eq(workspaces.id, workspaceId));
    }
    for (const [slug, cost] of Object.entries(phoneCostByCallType ?? {})) {
      await tx
        .insert(callTypes)
        .values({ workspaceId, slug, name: callTypeNameFromSlug(slug), phoneCost: cost })
        .onConflictDoUpdate({ target: [callTypes.workspaceId, callTypes.slug], set: { phoneCost: sql`excluded.phone_cost` } });
    }
    const replacedToken = typeof patch.twilioAuthToken === "string" && before.twilioAuthToken === "set";
    const after = (await auditedSettings(tx as unknown as Db, workspaceId, replacedToken))!;
    await recordAudit(tx, workspaceId, actor, { action: "update", entityType: "settings", entityId: workspaceId, before, after });
    return (await getSettings(tx as unknown as Db, workspaceId))!;
  });
}
