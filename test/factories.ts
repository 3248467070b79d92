import type { Db } from "@/db";
import { createApiKey } from "@/db/queries/api-keys";
import { createUser, findUserByEmail } from "@/db/queries/users";
import { createWorkspace, setMembership } from "@/db/queries/workspaces";
import type { ApiScope, Role } from "@/lib/domain";
import type { StoredEvent } from "@/lib/events/schema";

let counter = 0;
const next = () => ++counter;

export async function makeWorkspace(db: Db, overrides: { name?: string; timeZone?: string } = {}) {
  return createWorkspace(db, { name: overrides.name ?? `Workspace ${next()}`, timeZone: overrides.timeZone ?? "UTC" });
}

export async function makeUser(db: Db, workspaceId: string, role: Role, email = `user${next()}@example.com`) {
  const user = (await findUserByEmail(db, email)) ?? (await createUser(db, { email, password: "correct horse battery" }));
  await setMembership(db, workspaceId, user.id, role);
  return user;
}

export async function makeApiKey(db: Db, workspaceId: string, scopes: ApiScope[]) {
  return (await createApiKey(db, workspaceId, { name: `key ${next()}`, scopes })).key;
}

/** An event in stored form, with defaults that make a valid journey event. */
export function event(partial: Partial<StoredEvent> & Pick<StoredEvent, "type" | "occurredAt">): StoredEvent {
  const isCall = partial.type.startsWith("call.");
  return {
    id: partial.id ?? `e${next()}`,
    customer: partial.customer ?? "cust-1",
    journey: isCall ? null : (partial.journey ?? "j-1"),
    point: partial.point ?? (partial.type === "offer.shown" ? "ivr_offer" : null),
    channel: partial.channel ?? null,
    callType: partial.callType ?? (partial.type === "call.received" ? "card_arrival" : null),
    attributes: partial.attributes ?? null,
    ...partial,
    occurredAt: new Date(partial.occurredAt).toISOString(),
  } as StoredEvent;
}
