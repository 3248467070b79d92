import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/db";
import type { ConfigChange } from "@/lib/dashboard/changes";
import { type ChangesQuery, periodBounds } from "@/lib/metrics/params";

/*
 * Change annotations (issue 14, docs/adr/026): every publish and roll-back of an offer, a template
 * or a rule (and every one created already published), from the audit log, on its local day in
 * the workspace time zone. Who made it is shown
 * only to those who may read the audit log (`withActor`).
 */

interface ChangeRow {
  id: number;
  at: string | Date;
  day: string | Date;
  action: "publish" | "rollback" | "create";
  kind: ConfigChange["kind"];
  item_id: string | null;
  name: string | null;
  version: number | string | null;
  point: string | null;
  actor: string;
}

export async function listConfigChanges(db: Db, workspaceId: string, timeZone: string, query: ChangesQuery, withActor: boolean): Promise<ConfigChange[]> {
  const { start, end } = periodBounds(query.from, query.to, timeZone);
  const rows = await queryRows<ChangeRow>(
    db,
    sql`select a.id, a.at, to_char((a.at at time zone ${timeZone})::date, 'YYYY-MM-DD') as day, a.action, a.entity_type as kind,
          a.entity_id as item_id, a.after ->> 'name' as name, a.after ->> 'publishedVersion' as version, a.after ->> 'point' as point,
          a.actor_label as actor
        from audit_log a
        where a.workspace_id = ${workspaceId} and a.at >= ${start.toISOString()}::timestamptz and a.at < ${end.toISOString()}::timestamptz
          and (a.action in ('publish', 'rollback') or (a.action = 'create' and a.after ->> 'publishedVersion' is not null))
          and a.entity_type in ('ivr_offer', 'sms_template', 'escalation_rule')
        order by a.at, a.id
        limit 500`,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    at: new Date(row.at).toISOString(),
    day: String(row.day),
    // An item created live (seeds, imports of configuration) is published at its creation.
    action: row.action === "rollback" ? "rollback" : "publish",
    kind: row.kind,
    itemId: row.item_id,
    name: row.name,
    version: row.version === null ? null : Number(row.version),
    point: row.point,
    actor: withActor ? row.actor : null,
  }));
}
