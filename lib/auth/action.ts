import "server-only";
import type { z } from "zod";
import { type Db, getDb } from "@/db";
import type { Actor } from "@/db/queries/audit";
import { type UserContext, auth } from "./session";
import { isStorableDeep } from "@/lib/domain/text";
import { zodFieldErrors } from "./field-errors";
import { type Capability, can } from "./roles";

import type { ActionState } from "./action-state";

export type { ActionState };

export interface ActionContext {
  user: UserContext;
  db: Db;
  actor: Actor;
}

/**
 * The one wrapper of every server action. An action is a public POST endpoint: it checks the
 * session, the role and the input exactly as an API route does, and answers with a typed state.
 */
export function guardedAction<S extends z.ZodType, T>(
  capability: Capability,
  schema: S,
  handler: (input: z.infer<S>, context: ActionContext) => Promise<ActionState<T>>,
) {
  return async (_previous: ActionState<T>, input: unknown): Promise<ActionState<T>> => {
    const user = await auth();
    if (!user) return { status: "error", message: "Your session has ended. Sign in again." };
    if (!can(user.role, capability)) return { status: "error", message: "Your role does not allow this change." };
    const raw = input instanceof FormData ? Object.fromEntries(input) : input;
    // The database could not store it: refused here for every action, before any schema.
    if (!isStorableDeep(raw)) return { status: "error", message: "Some text contains characters that cannot be stored (NUL or broken Unicode)." };
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return { status: "error", message: "Some fields need attention.", fieldErrors: zodFieldErrors(parsed.error) };
    return handler(parsed.data, { user, db: await getDb(), actor: { type: "user", id: user.userId, label: user.email } });
  };
}
