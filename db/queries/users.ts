import "server-only";
import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { users } from "@/db/schema";

/** bcrypt cost: ~0.2 s per check on one core, slow enough to make guessing expensive. */
const PASSWORD_COST = 11;

export type User = typeof users.$inferSelect;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, PASSWORD_COST);
}

export async function findUserByEmail(db: Db, email: string): Promise<User | null> {
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  return user ?? null;
}

export async function getUser(db: Db, userId: string): Promise<User | null> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  return user ?? null;
}

/** Creates the user, or sets the password and name of the one that has this email. */
export async function upsertUser(db: Db, input: { email: string; name?: string; password?: string }): Promise<User> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const existing = await findUserByEmail(db, email);
  if (existing) {
    const [updated] = await db
      .update(users)
      .set({ name: input.name ?? existing.name, passwordHash: passwordHash ?? existing.passwordHash })
      .where(eq(users.id, existing.id))
      .returning();
    return updated;
  }
  const [created] = await db
    .insert(users)
    .values({ id: randomUUID(), email, name: input.name ?? email.split("@")[0], passwordHash })
    .returning();
  return created;
}

/**
 * Checks an email and password. Always runs one bcrypt comparison, so that a missing user and a
 * wrong password take the same time and answer the same way.
 */
const DUMMY_HASH = "$2b$11$0/66QLYmzqBTw8IoNI01remeqYqJTLFQldNQWmz9MvNt9uaZIgaNu";
export async function verifyCredentials(db: Db, email: string, password: string): Promise<User | null> {
  const user = await findUserByEmail(db, email);
  const matches = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  return user && user.passwordHash && matches ? user : null;
}
