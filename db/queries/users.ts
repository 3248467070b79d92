import "server-only";
import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { users } from "@/db/schema";

/** bcrypt cost: ~0.2 s per check on one core, slow enough to make guessing expensive. */
const PASSWORD_COST = 11;

export type User = typeof users.$inferSelect;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, PASSWORD_COST);
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Db, email: string): Promise<User | null> {
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${normalizeEmail(email)}`);
  return user ?? null;
}

export async function getUser(db: Db, userId: string): Promise<User | null> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  return user ?? null;
}

export class UserExistsError extends Error {
  constructor(email: string) {
    super(`A user with the email ${email} exists already.`);
    this.name = "UserExistsError";
  }
}

/**
 * Creates a user. Never touches an existing one: whoever adds a person to a workspace must not be
 * able to change the credentials of an account that other workspaces rely on (docs/adr/023).
 * Without a password the user cannot sign in until they accept an invitation.
 */
export async function createUser(db: Db, input: { email: string; name?: string; password?: string }): Promise<User> {
  const email = normalizeEmail(input.email);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const [created] = await db
    .insert(users)
    .values({ id: randomUUID(), email, name: input.name?.trim() || email.split("@")[0], passwordHash })
    .onConflictDoNothing()
    .returning();
  if (!created) throw new UserExistsError(email);
  return created;
}

/**
 * Sets a user's password (their own invitation, or an operator at the command line) and ends every
 * session they had.
 */
export async function setPassword(db: Pick<Db, "update">, userId: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}

/** Ends every session of a user at its next request (sign-out). */
export async function endSessions(db: Pick<Db, "update">, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}

/**
 * Turns accounts off (they cannot sign in and their sessions end) or on again. Used for the demo
 * accounts when demo mode is switched off or on.
 */
export async function setAccountsEnabled(db: Db, emails: readonly string[], enabled: boolean): Promise<number> {
  const lowered = emails.map(normalizeEmail);
  const changed = await db
    .update(users)
    .set(enabled ? { disabledAt: null } : { disabledAt: sql`now()`, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(sql`lower(${users.email}) in ${lowered} and ${enabled ? sql`${users.disabledAt} is not null` : isNull(users.disabledAt)}`)
    .returning({ id: users.id });
  return changed.length;
}

/**
 * Checks an email and password. Always runs one bcrypt comparison, so that a missing user, a
 * disabled one and a wrong password take the same time and answer the same way.
 */
const DUMMY_HASH = "$2b$11$0/66QLYmzqBTw8IoNI01remeqYqJTLFQldNQWmz9MvNt9uaZIgaNu";
export async function verifyCredentials(db: Db, email: string, password: string): Promise<User | null> {
  const user = await findUserByEmail(db, email);
  const matches = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  return user && user.passwordHash && !user.disabledAt && matches ? user : null;
}
