import { sql } from "drizzle-orm";
import type { WorkspaceSettings } from "@/lib/settings/schema";

/*
 * The stage conditions of DESIGN.md "Metric definitions" over the `journeys` table (alias `j`),
 * shared by the metric queries and the rollups so that both read the definitions the same way.
 */

/** W, the attribution window, as an SQL interval. */
export const windowInterval = (settings: WorkspaceSettings) => sql`make_interval(hours => ${settings.windowHours})`;

/** bounced: engaged, and the customer's first call at or after engagedAt is before endAt + W. */
export const bouncedCondition = (settings: WorkspaceSettings) =>
  sql`(j.next_call_at is not null and j.next_call_at < j.end_at + ${windowInterval(settings)})`;

/** Resolved and not bounced: deflected or pending, decided by asOf. */
export const resolvedKeptCondition = (settings: WorkspaceSettings) => sql`(j.resolved_at is not null and not ${bouncedCondition(settings)})`;
