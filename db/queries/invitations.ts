import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { invitations, memberships, users, workspaces } from "@/db/schema";
import type { Role } from "@/lib/domain";
import { type Actor, recordAudit } from "./audit";
import { type User, findUserByEmail, hashPassword, normalizeEmail } from "./users";
import { setMembership } from "./workspaces";

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface IssuedInvitation {
  token: string;
  expiresAt: Date;
}

async function issueInvitation(tx: Db, workspaceId: string, userId: string, actor: Actor): Promise<IssuedInvitation> {
  // A new link replaces the ones before it: only the latest works.
  await tx
    .update(invitations)
    .set({ expiresAt: sql`least(${invitations.expiresAt}, now())` })
    .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.userId, userId), isNull(invitations.usedAt)));
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000);
  await tx.insert(invitations).values({ workspaceId, id: randomUUID(), userId, tokenHash: hashToken(token), createdBy: actor.label, expiresAt });
  return { token, expiresAt };
}

export type AddMemberOutcome =
  | { kind: "invited"; user: User; invitation: IssuedInvitation }
  | { kind: "added"; user: User }
  | { kind: "already_member"; user: User };

/**
 * Adds a person to a workspace by email. An existing account only gains the membership: its name
 * and credentials are never touched. An unknown email becomes an account without a password and a
 * one-time invitation link through which the person sets their own (docs/adr/023).
 */
export async function addMemberByEmail(
  db: Db,
  workspaceId: string,
  input: { email: string; name: string; role: Role },
  actor: Actor,
): Promise<AddMemberOutcome> {
  return db.transaction(async (txn) => {
    const tx = txn as unknown as Db;
    const email = normalizeEmail(input.email);
    const existing = await findUserByEmail(tx, email);
    if (existing) {
      const [member] = await tx
        .select()
        .from(memberships)
        .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, existing.id)));
      if (member) return { kind: "already_member", user: existing };
      await setMembership(tx, workspaceId, existing.id, input.role, actor);
      return { kind: "added", user: existing };
    }
    const [user] = await tx.insert(users).values({ id: randomUUID(), email, name: input.name.trim(), passwordHash: null }).returning();
    await setMembership(tx, workspaceId, user.id, input.role, actor);
    const invitation = await issueInvitation(tx, workspaceId, user.id, actor);
    await recordAudit(tx, workspaceId, actor, {
      action: "invite",
      entityType: "user",
      entityId: user.id,
      after: { email, name: user.name, role: input.role, expiresAt: invitation.expiresAt.toISOString() },
    });
    return { kind: "invited", user, invitation };
  });
}

/**
 * A new link for a member who has not set a password yet. Refused for anyone who belongs to
 * another workspace too: whoever holds the link chooses the password, and one workspace's admin
 * must never be able to choose it for an account that another workspace relies on.
 */
export async function issueNewInvitation(db: Db, workspaceId: string, userId: string, actor: Actor): Promise<IssuedInvitation | "not_pending" | "shared"> {
  return db.transaction(async (txn) => {
    const tx = txn as unknown as Db;
    const [user] = await tx
      .select({ id: users.id, email: users.email, passwordHash: users.passwordHash })
      .from(users)
      .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.workspaceId, workspaceId)))
      .where(eq(users.id, userId))
      .for("update");
    if (!user || user.passwordHash) return "not_pending";
    const [elsewhere] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), ne(memberships.workspaceId, workspaceId)));
    if (Number(elsewhere.n) > 0) return "shared";
    const invitation = await issueInvitation(tx, workspaceId, userId, actor);
    await recordAudit(tx, workspaceId, actor, {
      action: "invite",
      entityType: "user",
      entityId: userId,
      after: { email: user.email, expiresAt: invitation.expiresAt.toISOString(), renewed: true },
    });
    return invitation;
  });
}

export interface InvitationView {
  status: "valid" | "used" | "expired";
  email: string;
  name: string;
  workspaceName: string;
  expiresAt: Date;
}

/** What a link's page shows. Reading a link changes nothing. */
export async function findInvitation(db: Db, token: string): Promise<InvitationView | null> {
  const [row] = await db
    .select({
      usedAt: invitations.usedAt,
      expiresAt: invitations.expiresAt,
      email: users.email,
      name: users.name,
      passwordHash: users.passwordHash,
      workspaceName: workspaces.name,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(eq(invitations.tokenHash, hashToken(token)));
  if (!row) return null;
  const status = row.usedAt || row.passwordHash ? "used" : row.expiresAt.getTime() <= Date.now() ? "expired" : "valid";
  return { status, email: row.email, name: row.name, workspaceName: row.workspaceName, expiresAt: row.expiresAt };
}

/**
 * Sets the invited person's password, once: the link is used up, every other open link of the
 * account stops working, and any session of the account ends.
 */
export async function acceptInvitation(db: Db, token: string, password: string): Promise<{ email: string } | "invalid"> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (txn) => {
    const tx = txn as unknown as Db;
    const [invitation] = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.tokenHash, hashToken(token)), isNull(invitations.usedAt), gt(invitations.expiresAt, sql`now()`)))
      .for("update");
    if (!invitation) return "invalid";
    const [user] = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, invitation.userId), isNull(users.passwordHash)))
      .returning();
    if (!user) return "invalid";
    await tx.update(invitations).set({ usedAt: sql`now()` }).where(and(eq(invitations.userId, user.id), isNull(invitations.usedAt)));
    await recordAudit(tx, invitation.workspaceId, { type: "user", id: user.id, label: user.email }, { action: "accept", entityType: "user", entityId: user.id, after: { email: user.email } });
    return { email: user.email };
  });
}
