import "server-only";
import { getDb } from "@/db";
import { workspaceTimeZone } from "@/db/queries/config";
import { can } from "@/lib/auth/roles";
import { requirePageCapability } from "@/lib/auth/session";
import { formatWhen } from "@/lib/config/format";

/**
 * The first line of every configuration page: the signed-in user with the capability (else the
 * 403 page), the database, the workspace time zone and whether this role may edit.
 */
export async function configPage(capability: "config:read" | "config:write" = "config:read") {
  const user = await requirePageCapability(capability);
  const db = await getDb();
  const timeZone = await workspaceTimeZone(db, user.workspaceId);
  return {
    user,
    db,
    timeZone,
    canEdit: can(user.role, "config:write"),
    when: (at: Date) => formatWhen(at, timeZone),
  };
}

/** `?start=3` → 3; anything else → undefined. */
export function startVersion(value: string | string[] | undefined): number | undefined {
  const number = typeof value === "string" && /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(number) && number >= 1 ? number : undefined;
}
