import { sql } from "drizzle-orm";
import type { WorkspaceSettings } from "@/lib/settings/schema";

/*
 * The stage conditions of DESIGN.md "Metric definitions" over the `journeys` table (alias `j`),
 * shared by the metric queries and the rollups so that both read the definitions the same way.
 */

/** W, the attribution window, as an SQL interval. */
export const windowInterval = (settings: WorkspaceSettings) => sql`make_interval(hours => ${settings.windowHours})`;

/**
 * A journey counts in the funnel unless a runtime decision held its customer out: a held-out
 * journey counts in no stage, whatever other events it has (DESIGN.md "Runtime"), and so in no
 * parity or ROI number either; only the incrementality report reads it (docs/adr/002).
 */
export const countedCondition = sql`(j.arm is distinct from 'holdout')`;

/** The customer's first call at or after engagedAt is before endAt + W. */
const calledBack = (settings: WorkspaceSettings) => sql`(j.next_call_at is not null and j.next_call_at < j.end_at + ${windowInterval(settings)})`;

/** bounced: a counted journey, engaged, and the customer's first call at or after engagedAt is before endAt + W. */
export const bouncedCondition = (settings: WorkspaceSettings) => sql`(${countedCondition} and ${calledBack(settings)})`;

/** Resolved and not bounced, counted: deflected or pending, decided by asOf. */
export const resolvedKeptCondition = (settings: WorkspaceSettings) =>
  sql`(${countedCondition} and j.resolved_at is not null and not ${calledBack(settings)})`;

/** The stages that need neither calls nor asOf, as conditions on a counted journey. */
export const plainStageConditions = {
  offered: sql`(${countedCondition} and j.offered)`,
  accepted: sql`(${countedCondition} and j.accepted)`,
  engaged: sql`(${countedCondition} and j.engaged_at is not null)`,
  resolved: sql`(${countedCondition} and j.resolved_at is not null)`,
  escalated: sql`(${countedCondition} and j.escalated)`,
} as const;
