import "server-only";
import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { auditLog } from "@/db/schema";

/** Who made a change: a signed-in user, an API key, or the system itself (seed, CLI). */
export interface Actor {
  type: "user" | "api_key" | "system";
  id: string | null;
  label: string;
}

export const SYSTEM_ACTOR: Actor = { type: "system", id: null, label: "system" };

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(db: Pick<Db, "insert">, workspaceId: string, actor: Actor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    workspaceId,
    actorType: actor.type,
    actorId: actor.id,
    actorLabel: actor.label,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

export interface AuditFilter {
  entityType?: string;
  actor?: string;
  from?: Date;
  to?: Date;
  limit?: number;
  beforeId?: number;
}

export async function listAudit(db: Db, workspaceId: string, filter: AuditFilter = {}) {
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.workspaceId, workspaceId),
        filter.entityType ? eq(auditLog.entityType, filter.entityType) : undefined,
        filter.actor ? sql`${auditLog.actorLabel} ilike ${`%${filter.actor}%`}` : undefined,
        filter.from ? gte(auditLog.at, filter.from) : undefined,
        filter.to ? lt(auditLog.at, filter.to) : undefined,
        filter.beforeId ? lt(auditLog.id, filter.beforeId) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(filter.limit ?? 100);
}
