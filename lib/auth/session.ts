import "server-only";
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { type UserContext, resolveUserContext } from "./context";
import { authOptions } from "./options";
import { type Capability, can } from "./roles";

export const WORKSPACE_COOKIE = "sb_workspace";
export type { UserContext };

/**
 * The signed-in user, or null. The session cookie only says who the user is; the workspace and
 * role come from the database on every request, so a role change or a removed membership takes
 * effect at once.
 */
export const auth = cache(async (): Promise<UserContext | null> => {
  // Reading the request first keeps every signed-in page dynamic, also at build time.
  const chosen = (await cookies()).get(WORKSPACE_COOKIE)?.value;
  const session = await getServerSession(authOptions());
  const userId = session?.user?.id;
  if (!userId) return null;
  return resolveUserContext(await getDb(), userId, chosen, session.user.sessionVersion);
});

/** For pages: the signed-in user, or a redirect to the sign-in page. */
export async function requireUser(): Promise<UserContext> {
  const user = await auth();
  if (!user) redirect("/sign-in");
  return user;
}

export class ForbiddenError extends Error {
  constructor(capability: Capability) {
    super(`Your role does not allow this (${capability}).`);
    this.name = "ForbiddenError";
  }
}

/** The first line of every page, action and handler that needs more than a signed-in user. */
export function requireCapability(user: UserContext, capability: Capability): void {
  if (!can(user.role, capability)) throw new ForbiddenError(capability);
}

/** For pages: the signed-in user who has this capability; anyone else gets the 403 page. */
export async function requirePageCapability(capability: Capability): Promise<UserContext> {
  const user = await requireUser();
  if (!can(user.role, capability)) {
    const { forbidden } = await import("next/navigation");
    forbidden();
  }
  return user;
}
