import "server-only";
import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { signInFailures } from "@/db/schema";

/**
 * Failed sign-ins are counted per account and per client address in fixed windows, in the
 * database, so that every process of one database shares the limit (docs/adr/023). The check
 * runs before the password hash is compared: a throttled attempt costs no bcrypt time.
 */
export const SIGN_IN_WINDOW_SECONDS = 15 * 60;
export const SIGN_IN_LIMITS = { account: 10, address: 100 } as const;

export interface ThrottleKeys {
  account: string;
  address: string;
}

export function throttleKeys(email: string, address: string): ThrottleKeys {
  return { account: `account:${email.trim().toLowerCase().slice(0, 320)}`, address: `address:${address.slice(0, 64)}` };
}

/** Seconds until the caller may try again, or 0 when neither key has used up its window. */
export async function signInRetryAfter(db: Db, keys: ThrottleKeys): Promise<number> {
  const rows = await db
    .select({
      key: signInFailures.key,
      failures: signInFailures.failures,
      remaining: sql<number>`ceil(extract(epoch from (${signInFailures.windowStart} + make_interval(secs => ${SIGN_IN_WINDOW_SECONDS}) - now())))::int`,
    })
    .from(signInFailures)
    .where(inArray(signInFailures.key, [keys.account, keys.address]));
  let wait = 0;
  for (const row of rows) {
    const limit = row.key === keys.account ? SIGN_IN_LIMITS.account : SIGN_IN_LIMITS.address;
    const remaining = Number(row.remaining);
    if (row.failures >= limit && remaining > 0) wait = Math.max(wait, remaining);
  }
  return wait;
}

/** Counts one failed attempt against both keys; a key whose window has passed starts a new one. */
export async function recordSignInFailure(db: Db, keys: ThrottleKeys): Promise<void> {
  const expired = sql`${signInFailures.windowStart} + make_interval(secs => ${SIGN_IN_WINDOW_SECONDS}) <= now()`;
  await db
    .insert(signInFailures)
    .values([keys.account, keys.address].map((key) => ({ key, windowStart: sql`now()`, failures: 1 })))
    .onConflictDoUpdate({
      target: signInFailures.key,
      set: {
        failures: sql`case when ${expired} then 1 else ${signInFailures.failures} + 1 end`,
        windowStart: sql`case when ${expired} then now() else ${signInFailures.windowStart} end`,
      },
    });
}

/** A successful sign-in clears the account's count (not the address's: one success must not reset a spray). */
export async function clearSignInFailures(db: Db, keys: ThrottleKeys): Promise<void> {
  // Windows long past are of no use to anyone: dropped here too, so the table stays small.
  await db
    .delete(signInFailures)
    .where(sql`${signInFailures.key} = ${keys.account} or ${signInFailures.windowStart} < now() - make_interval(secs => ${2 * SIGN_IN_WINDOW_SECONDS})`);
}
