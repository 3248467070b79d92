import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/db/demo-accounts";
import { acceptInvitation, findInvitation } from "@/db/queries/invitations";
import { SIGN_IN_LIMITS, clearSignInFailures, recordSignInFailure, signInRetryAfter, throttleKeys } from "@/db/queries/sign-in-throttle";
import { createUser, endSessions, getUser, setAccountsEnabled, setPassword, verifyCredentials } from "@/db/queries/users";
import { removeMembership } from "@/db/queries/workspaces";
import { auditLog, invitations, signInFailures, users } from "@/db/schema";
import { type TestDatabase, openTestDatabase } from "@/db/testing";
import type { UserContext } from "@/lib/auth/context";
import { resolveUserContext } from "@/lib/auth/context";
import { IDLE } from "@/lib/auth/action-state";
import { authOptions } from "@/lib/auth/options";
import { makeUser, makeWorkspace } from "../factories";
import { useConnection } from "../http";

/*
 * Findings 1, 6, 7, 9 and the OIDC line of 12 of the security audit (issue 11), each as a
 * regression test: accounts, invitations, sessions, sign-in throttling, demo accounts.
 */
const session = vi.hoisted(() => ({ current: null as UserContext | null }));
vi.mock("@/lib/auth/session", () => ({ auth: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const settingsActions = await import("@/app/(app)/settings/actions");
const inviteActions = await import("@/app/(auth)/invite/actions");

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.connection.db;
  useConnection(database.connection);
});
afterAll(() => database.cleanup());

async function signInAsAdminOf(workspaceId: string, email: string) {
  const admin = await makeUser(db, workspaceId, "admin", email);
  session.current = {
    kind: "user",
    userId: admin.id,
    email: admin.email,
    name: "Admin",
    workspaceId,
    workspaceName: "B",
    role: "admin",
    memberships: [{ workspaceId, workspaceName: "B", role: "admin" }],
  };
  return admin;
}

const invitationToken = (path: string) => path.split("/").at(-1)!;

describe("adding a member never changes an existing account (finding 1)", () => {
  it("gives an existing user of another workspace the membership and leaves their password and name alone", async () => {
    const a = await makeWorkspace(db, { name: "A" });
    const b = await makeWorkspace(db, { name: "B" });
    const victim = await makeUser(db, a.id, "admin", "victim-admin@a.example");
    await signInAsAdminOf(b.id, "admin@b.example");

    // The old form carried a password; whatever a caller sends, it must not reach the account.
    const result = await settingsActions.addMember(IDLE, { email: "Victim-Admin@A.example", name: "Mallory", role: "manager", password: "attacker-chosen-1" });
    expect(result.status).toBe("ok");
    expect(result.status === "ok" ? result.data : undefined).toBeUndefined();

    expect(await verifyCredentials(db, "victim-admin@a.example", "attacker-chosen-1")).toBeNull();
    expect((await verifyCredentials(db, "victim-admin@a.example", "correct horse battery"))?.id).toBe(victim.id);
    expect((await getUser(db, victim.id))?.name).toBe(victim.name);
    expect(await db.select().from(invitations).where(eq(invitations.userId, victim.id))).toEqual([]);
    // Their own workspace is untouched; B gained a manager.
    expect(await resolveUserContext(db, victim.id, a.id, 0)).toMatchObject({ workspaceId: a.id, role: "admin" });
    expect(await resolveUserContext(db, victim.id, b.id, 0)).toMatchObject({ workspaceId: b.id, role: "manager" });
  });

  it("refuses to add someone twice", async () => {
    const b = await makeWorkspace(db);
    await signInAsAdminOf(b.id, "twice-admin@b.example");
    await makeUser(db, b.id, "manager", "member@b.example");
    const again = await settingsActions.addMember(IDLE, { email: "member@b.example", name: "Member", role: "admin" });
    expect(again).toMatchObject({ status: "error", fieldErrors: { email: "Already a member" } });
    const members = await import("@/db/queries/workspaces").then((m) => m.listMembers(db, b.id));
    expect(members.find((m) => m.email === "member@b.example")?.role).toBe("manager");
  });
});

describe("invitations", () => {
  it("creates an unknown person without a password and a one-time, expiring link stored only as a hash", async () => {
    const b = await makeWorkspace(db, { name: "Invite Co" });
    const admin = await signInAsAdminOf(b.id, "inviter@b.example");
    const result = await settingsActions.addMember(IDLE, { email: "new.person@b.example", name: "New Person", role: "supervisor" });
    expect(result.status).toBe("ok");
    const path = result.status === "ok" ? result.data!.invitationPath : "";
    expect(path).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = invitationToken(path);

    const [stored] = await db.select().from(invitations).where(eq(invitations.workspaceId, b.id));
    expect(stored.tokenHash).not.toContain(token);
    expect(JSON.stringify(await db.select().from(auditLog).where(eq(auditLog.workspaceId, b.id)))).not.toContain(token);
    expect(stored.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600 * 1000);

    // No password yet: nobody can sign in as the new account, not even with an empty one.
    expect(await verifyCredentials(db, "new.person@b.example", "")).toBeNull();
    expect(await findInvitation(db, token)).toMatchObject({ status: "valid", email: "new.person@b.example", workspaceName: "Invite Co" });

    // The audit names who acted, in which workspace.
    const entries = await db.select().from(auditLog).where(and(eq(auditLog.workspaceId, b.id), eq(auditLog.action, "invite")));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorType: "user", actorId: admin.id, actorLabel: "inviter@b.example", entityType: "user" });

    session.current = null;
    const short = await inviteActions.acceptInvitationAction(IDLE, { token, password: "short", confirm: "short" });
    expect(short).toMatchObject({ status: "error", fieldErrors: { password: expect.any(String) } });
    const accepted = await inviteActions.acceptInvitationAction(IDLE, { token, password: "a long new password", confirm: "a long new password" });
    expect(accepted).toMatchObject({ status: "ok", data: { email: "new.person@b.example" } });
    expect(await verifyCredentials(db, "new.person@b.example", "a long new password")).not.toBeNull();

    // Used once: the same link cannot set the password again.
    const replay = await inviteActions.acceptInvitationAction(IDLE, { token, password: "attacker password", confirm: "attacker password" });
    expect(replay.status).toBe("error");
    expect(await verifyCredentials(db, "new.person@b.example", "attacker password")).toBeNull();
    expect(await findInvitation(db, token)).toMatchObject({ status: "used" });
  });

  it("refuses an expired link", async () => {
    const b = await makeWorkspace(db);
    await signInAsAdminOf(b.id, "expiry-admin@b.example");
    const result = await settingsActions.addMember(IDLE, { email: "late@b.example", name: "Late", role: "manager" });
    const token = invitationToken(result.status === "ok" ? result.data!.invitationPath : "");
    await db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.workspaceId, b.id));
    expect(await findInvitation(db, token)).toMatchObject({ status: "expired" });
    expect(await acceptInvitation(db, token, "a long new password")).toBe("invalid");
    expect(await verifyCredentials(db, "late@b.example", "a long new password")).toBeNull();
  });

  it("makes a new link only for a pending person of this workspace alone, and the new link replaces the old", async () => {
    const a = await makeWorkspace(db);
    const b = await makeWorkspace(db);
    await signInAsAdminOf(a.id, "a-admin@renew.example");
    const first = await settingsActions.addMember(IDLE, { email: "pending@renew.example", name: "Pending", role: "manager" });
    const firstToken = invitationToken(first.status === "ok" ? first.data!.invitationPath : "");
    const pending = (await db.select().from(users).where(eq(users.email, "pending@renew.example")))[0];

    const renewed = await settingsActions.renewInvitation(IDLE, { userId: pending.id });
    expect(renewed.status).toBe("ok");
    const secondToken = invitationToken(renewed.status === "ok" ? renewed.data!.invitationPath : "");
    expect(await findInvitation(db, firstToken)).toMatchObject({ status: "expired" });
    expect(await findInvitation(db, secondToken)).toMatchObject({ status: "valid" });

    // B adds the same pending person: B only gains the membership, and from now on neither admin
    // can mint a link that would choose the password of an account the other workspace relies on.
    await signInAsAdminOf(b.id, "b-admin@renew.example");
    expect((await settingsActions.addMember(IDLE, { email: "pending@renew.example", name: "x", role: "admin" })).status).toBe("ok");
    expect((await settingsActions.renewInvitation(IDLE, { userId: pending.id })).status).toBe("error");
    await signInAsAdminOf(a.id, "a-admin2@renew.example");
    expect((await settingsActions.renewInvitation(IDLE, { userId: pending.id })).status).toBe("error");

    // Nor for someone who has a password, nor for a user of another workspace.
    const withPassword = await makeUser(db, a.id, "manager", "has-password@renew.example");
    expect((await settingsActions.renewInvitation(IDLE, { userId: withPassword.id })).status).toBe("error");
    const outsider = await makeUser(db, b.id, "manager", "outsider@renew.example");
    expect((await settingsActions.renewInvitation(IDLE, { userId: outsider.id })).status).toBe("error");
  });
});

describe("sessions can be ended (finding 9)", () => {
  it("refuses a session issued before sign-out or a new password; a removal ends access to that workspace only", async () => {
    const workspace = await makeWorkspace(db);
    const other = await makeWorkspace(db);
    const user = await makeUser(db, workspace.id, "manager", "sessions@example.com");
    await makeUser(db, other.id, "manager", "sessions@example.com");
    const version = async () => (await getUser(db, user.id))!.sessionVersion;

    expect(await resolveUserContext(db, user.id, workspace.id, 0)).not.toBeNull();
    expect(await resolveUserContext(db, user.id, workspace.id, 1)).toBeNull();

    // Signing out goes through next-auth's signOut event.
    await authOptions().events!.signOut!({ token: { sub: user.id }, session: undefined as never });
    expect(await resolveUserContext(db, user.id, workspace.id, 0)).toBeNull();
    expect(await resolveUserContext(db, user.id, workspace.id, await version())).not.toBeNull();

    let before = await version();
    await setPassword(db, user.id, "another long password");
    expect(await resolveUserContext(db, user.id, workspace.id, before)).toBeNull();

    const current = await version();
    await removeMembership(db, workspace.id, user.id);
    // The same token no longer reaches the workspace it was removed from, even when it asks for it,
    // and still reaches the other one.
    expect(await resolveUserContext(db, user.id, workspace.id, current)).toMatchObject({ workspaceId: other.id });
    expect((await resolveUserContext(db, user.id, workspace.id, current))!.memberships.map((m) => m.workspaceId)).toEqual([other.id]);
    expect(await version()).toBe(current);

    before = await version();
    await endSessions(db, user.id);
    expect(await version()).toBe(before + 1);
  });
});

describe("sign-in throttling (finding 6)", () => {
  it("stops an account after its limit of failures until the window passes, and clears it on success", async () => {
    const keys = throttleKeys("Target@Example.com", "203.0.113.7");
    expect(keys.account).toBe("account:target@example.com");
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.account - 1; attempt++) await recordSignInFailure(db, keys);
    expect(await signInRetryAfter(db, keys)).toBe(0);
    await recordSignInFailure(db, keys);
    const wait = await signInRetryAfter(db, keys);
    expect(wait).toBeGreaterThan(14 * 60);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    // The same account from another address is limited too; another account from this address is not (yet).
    expect(await signInRetryAfter(db, throttleKeys("target@example.com", "198.51.100.1"))).toBeGreaterThan(0);
    expect(await signInRetryAfter(db, throttleKeys("someone.else@example.com", "203.0.113.7"))).toBe(0);

    // A passed window starts over.
    await db.update(signInFailures).set({ windowStart: new Date(Date.now() - 16 * 60 * 1000) }).where(eq(signInFailures.key, keys.account));
    expect(await signInRetryAfter(db, keys)).toBe(0);
    await recordSignInFailure(db, keys);
    expect((await db.select().from(signInFailures).where(eq(signInFailures.key, keys.account)))[0].failures).toBe(1);

    await clearSignInFailures(db, keys);
    expect(await db.select().from(signInFailures).where(eq(signInFailures.key, keys.account))).toEqual([]);
    expect((await db.select().from(signInFailures).where(eq(signInFailures.key, keys.address)))[0].failures).toBe(SIGN_IN_LIMITS.account + 1);
  });

  it("stops an address that sprays many accounts, counting concurrent failures exactly", async () => {
    const address = "192.0.2.55";
    await Promise.all(Array.from({ length: SIGN_IN_LIMITS.address }, (_, i) => recordSignInFailure(db, throttleKeys(`spray${i}@example.com`, address))));
    expect((await db.select().from(signInFailures).where(eq(signInFailures.key, `address:${address}`)))[0].failures).toBe(SIGN_IN_LIMITS.address);
    expect(await signInRetryAfter(db, throttleKeys("fresh@example.com", address))).toBeGreaterThan(0);
  });
});

describe("demo accounts (finding 7)", () => {
  it("can be turned off and on again: off, they cannot sign in and their sessions end", async () => {
    const workspace = await makeWorkspace(db);
    const demo = DEMO_ACCOUNTS[3];
    const user = await createUser(db, { email: demo.email, name: demo.name, password: DEMO_PASSWORD });
    await import("@/db/queries/workspaces").then((m) => m.setMembership(db, workspace.id, user.id, demo.role));
    const other = await makeUser(db, workspace.id, "manager", "not-demo@example.com");
    expect(await verifyCredentials(db, demo.email, DEMO_PASSWORD)).not.toBeNull();

    expect(await setAccountsEnabled(db, DEMO_ACCOUNTS.map((a) => a.email), false)).toBe(1);
    expect(await verifyCredentials(db, demo.email, DEMO_PASSWORD)).toBeNull();
    expect(await resolveUserContext(db, user.id, workspace.id, 1)).toBeNull();
    expect(await verifyCredentials(db, "not-demo@example.com", "correct horse battery")).not.toBeNull();
    expect(await setAccountsEnabled(db, DEMO_ACCOUNTS.map((a) => a.email), false)).toBe(0);

    expect(await setAccountsEnabled(db, DEMO_ACCOUNTS.map((a) => a.email), true)).toBe(1);
    expect(await verifyCredentials(db, demo.email, DEMO_PASSWORD)).not.toBeNull();
    expect(other.id).not.toBe(user.id);
  });
});

describe("single sign-on (the OIDC line of finding 12)", () => {
  it("admits a known account only with a verified email", async () => {
    const workspace = await makeWorkspace(db);
    await makeUser(db, workspace.id, "manager", "sso@example.com");
    const signIn = authOptions().callbacks!.signIn!;
    const attempt = (profile: Record<string, unknown>) =>
      signIn({ user: { id: "sub-1", email: "sso@example.com" }, account: { provider: "oidc", type: "oauth", providerAccountId: "sub-1" }, profile } as never);
    expect(await attempt({ email: "sso@example.com" })).toBe(false);
    expect(await attempt({ email: "sso@example.com", email_verified: false })).toBe(false);
    expect(await attempt({ email: "sso@example.com", email_verified: true })).toBe(true);
    expect(await attempt({ email: "sso@example.com", email_verified: "true" })).toBe(true);
  });
});
