import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { apiKeys } from "@/db/schema";
import type { ApiScope } from "@/lib/domain";
import { type Actor, SYSTEM_ACTOR, recordAudit } from "./audit";

const KEY_PREFIX = "sb_";
const VISIBLE_CHARS = 10;

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export interface CreatedApiKey {
  id: string;
  key: string;
  prefix: string;
}

/** Makes a key with 192 random bits. The key itself is returned once and never stored. */
export async function createApiKey(
  db: Db,
  workspaceId: string,
  input: { name: string; scopes: ApiScope[] },
  actor: Actor = SYSTEM_ACTOR,
): Promise<CreatedApiKey> {
  const key = KEY_PREFIX + randomBytes(24).toString("base64url");
  const id = randomUUID();
  const prefix = key.slice(0, KEY_PREFIX.length + VISIBLE_CHARS);
  await db.transaction(async (tx) => {
    await tx.insert(apiKeys).values({
      workspaceId,
      id,
      name: input.name,
      prefix,
      hash: hashApiKey(key),
      scopes: [...new Set(input.scopes)],
      createdBy: actor.id,
    });
    await recordAudit(tx, workspaceId, actor, {
      action: "create",
      entityType: "api_key",
      entityId: id,
      after: { name: input.name, prefix, scopes: input.scopes },
    });
  });
  return { id, key, prefix };
}

export interface ApiKeyPrincipal {
  id: string;
  workspaceId: string;
  name: string;
  scopes: ApiScope[];
}

/** The live (not revoked) key with this secret, or null. */
export async function findApiKey(db: Db, key: string): Promise<ApiKeyPrincipal | null> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) return null;
  const [row] = await db
    .select({ id: apiKeys.id, workspaceId: apiKeys.workspaceId, name: apiKeys.name, scopes: apiKeys.scopes })
    .from(apiKeys)
    .where(and(eq(apiKeys.hash, hashApiKey(key)), isNull(apiKeys.revokedAt)));
  return row ?? null;
}

/** "Last used" is shown to the minute; a key in steady use is written at most once a minute. */
const TOUCH_EVERY_MS = 60_000;
const touched = globalThis as unknown as { switchboardKeyTouches?: Map<string, number> };

export async function touchApiKey(db: Db, workspaceId: string, id: string, now = Date.now()) {
  const touches = (touched.switchboardKeyTouches ??= new Map());
  if (now - (touches.get(id) ?? Number.NEGATIVE_INFINITY) < TOUCH_EVERY_MS) return;
  touches.set(id, now);
  await db
    .update(apiKeys)
    .set({ lastUsedAt: new Date(now) })
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id)));
}

export async function listApiKeys(db: Db, workspaceId: string) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.workspaceId, workspaceId))
    .orderBy(desc(apiKeys.createdAt));
}

export async function revokeApiKey(db: Db, workspaceId: string, id: string, actor: Actor): Promise<boolean> {
  return db.transaction(async (tx) => {
    const revoked = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning({ name: apiKeys.name, prefix: apiKeys.prefix });
    if (revoked.length === 0) return false;
    await recordAudit(tx, workspaceId, actor, { action: "revoke", entityType: "api_key", entityId: id, before: revoked[0] });
    return true;
  });
}
