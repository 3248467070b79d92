import type { Db } from "@/db";
import { getUser } from "@/db/queries/users";
import { type MembershipView, listMemberships } from "@/db/queries/workspaces";
import type { Role } from "@/lib/domain";

/** A signed-in user acting in one workspace, with the role read from the database on this request. */
export interface UserContext {
  kind: "user";
  userId: string;
  email: string;
  name: string;
  workspaceId: string;
  workspaceName: string;
  role: Role;
  memberships: MembershipView[];
}

/**
 * Who a session's user is right now: the workspace they chose if they are still a member of it,
 * else their first one; null when the user is gone, disabled, belongs to no workspace any more,
 * or the session was issued before their sessions were ended (sign-out, a new password).
 */
export async function resolveUserContext(
  db: Db,
  userId: string,
  chosenWorkspaceId: string | undefined,
  sessionVersion: number,
): Promise<UserContext | null> {
  const [user, memberships] = await Promise.all([getUser(db, userId), listMemberships(db, userId)]);
  if (!user || user.disabledAt || user.sessionVersion !== sessionVersion || memberships.length === 0) return null;
  const current = memberships.find((m) => m.workspaceId === chosenWorkspaceId) ?? memberships[0];
  return {
    kind: "user",
    userId,
    email: user.email,
    name: user.name,
    workspaceId: current.workspaceId,
    workspaceName: current.workspaceName,
    role: current.role,
    memberships,
  };
}
