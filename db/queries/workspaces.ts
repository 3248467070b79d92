import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { callTypes, invitations, memberships, users, workspaces } from "@/db/schema";
import type { Role } from "@/lib/domain";
import { type Actor, SYSTEM_ACTOR, recordAudit } from "./audit";
import { createDefaultEscalationRule } from "./config";

export type Workspace = typeof workspaces.$inferSelect;

export interface NewWorkspace {
  name: string;
  timeZone?: string;
  currency?: string;
  phoneCost?: number;
  digitalCost?: number;
  windowHours?: number;
  resolutionTarget?: number;
}

export async function createWorkspace(db: Db, input: NewWorkspace, actor: Actor = SYSTEM_ACTOR): Promise<Workspace> {
  return db.transaction(async (tx) => {
    const [workspace] = await tx
      .insert(workspaces)
      .values({ id: randomUUID(), ...input })
      .returning();
    // Secrets stay out of the audit log.
    const { customerKeySecret: _secret, twilioAuthToken: _token, ...visible } = workspace;
    await recordAudit(tx, workspace.id, actor, { action: "create", entityType: "workspace", entityId: workspace.id, after: visible });
    await createDefaultEscalationRule(tx as unknown as Db, workspace.id, actor);
    return workspace;
  });
}

export async function getWorkspace(db: Db, workspaceId: string): Promise<Workspace | null> {
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  return workspace ?? null;
}

export async function countWorkspaces(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(workspaces);
  return Number(row.n);
}

export interface MembershipView {
  workspaceId: string;
  workspaceName: string;
  role: Role;
}

/** The workspaces a user belongs to, oldest membership first. */
export async function listMemberships(db: Db, userId: string): Promise<MembershipView[]> {
  return db
    .select({ workspaceId: memberships.workspaceId, workspaceName: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(workspaces.name));
}

/** The members of a workspace; `invitedUntil` is set while someone has not yet accepted this workspace's invitation. */
export async function listMembers(db: Db, workspaceId: string) {
  return db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      since: memberships.createdAt,
      invitedUntil: sql<Date | null>`(
        select max(${invitations.expiresAt}) from ${invitations}
        where ${invitations.workspaceId} = ${workspaceId} and ${invitations.userId} = ${users.id}
          and ${invitations.usedAt} is null and ${users.passwordHash} is null
      )`.mapWith((value) => (value === null ? null : new Date(value))),
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(users.email));
}

export async function setMembership(db: Db, workspaceId: string, userId: string, role: Role, actor: Actor = SYSTEM_ACTOR) {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    await tx
      .insert(memberships)
      .values({ workspaceId, userId, role })
      .onConflictDoUpdate({ target: [memberships.workspaceId, memberships.userId], set: { role } });
    await recordAudit(tx, workspaceId, actor, {
      action: before ? "update" : "create",
      entityType: "membership",
      entityId: userId,
      before: before ? { role: before.role } : null,
      after: { role },
    });
  });
}

export async function removeMembership(db: Db, workspaceId: string, userId: string, actor: Actor = SYSTEM_ACTOR) {
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
      .returning();
    // No session version bump: the role is read from the memberships on every request, so the
    // removal already holds, and a bump would sign the person out of their other workspaces too —
    // something one workspace's admin must not be able to do to another's (docs/adr/023).
    if (removed.length > 0) {
      await recordAudit(tx, workspaceId, actor, { action: "delete", entityType: "membership", entityId: userId, before: { role: removed[0].role } });
    }
  });
}

export interface CallTypeSeed {
  slug: string;
  name: string;
  phoneCost: number | null;
}

export async function upsertCallTypes(db: Db, workspaceId: string, seeds: CallTypeSeed[]) {
  if (seeds.length === 0) return;
  await db
    .insert(callTypes)
    .values(seeds.map((seed) => ({ workspaceId, ...seed })))
    .onConflictDoUpdate({
      target: [callTypes.workspaceId, callTypes.slug],
      set: { name: sql`excluded.name`, phoneCost: sql`excluded.phone_cost` },
    });
}

export async function listCallTypes(db: Db, workspaceId: string) {
  return db.select().from(callTypes).where(eq(callTypes.workspaceId, workspaceId)).orderBy(asc(callTypes.name));
}
