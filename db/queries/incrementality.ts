import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/db";
import { INTERVENTION_POINTS } from "@/lib/domain";
import { type CountedOffer, type IncrementalityCosts, type IncrementalityResult, incrementalityReport } from "@/lib/metrics/incrementality";
import { type IncrementalityQuery, periodBounds } from "@/lib/metrics/params";
import type { WorkspaceSettings } from "@/lib/settings/schema";
import { deriveJourneys } from "./derive";
import { getNetSavingsCosts } from "./settings";
import { windowInterval } from "./stages";

/*
 * The incrementality report (DESIGN.md "Incrementality", docs/adr/026) from offer_exposures: each
 * customer's first decision of each offer, kept by triggers as the derivation writes journeys and
 * calls (migration 0010). A period reads its exposures through (workspace_id, decided_at) and
 * counts them by offer, arm and call type in one pass; every statistic is computed from those
 * counts in lib/metrics/incrementality.ts, exactly as the reference does.
 */

/** The workspace's costs of the digital path (settings), beside the phone and bot costs every metric reads. */
export async function incrementalityCosts(db: Db, workspaceId: string, settings: WorkspaceSettings): Promise<IncrementalityCosts> {
  const costs = await getNetSavingsCosts(db, workspaceId);
  return {
    phoneCost: settings.phoneCost,
    phoneCostByCallType: settings.phoneCostByCallType,
    digitalCost: settings.digitalCost,
    smsCostPerSegment: costs?.smsCostPerSegment ?? 0,
    botCostPerConversation: costs?.botCostPerConversation ?? 0,
  };
}

interface CountRow {
  offer_id: string;
  arm: "treatment" | "holdout";
  call_type: string;
  n: number;
  called: number;
  attributed: number;
  sms_segments: number;
  bot_conversations: number;
}

interface FirstRow {
  offer_id: string;
  point: string | null;
  name: string | null;
  holdout_percent: number | string | null;
}

export async function getIncrementality(
  db: Db,
  workspaceId: string,
  settings: WorkspaceSettings,
  query: IncrementalityQuery,
  now = new Date(),
): Promise<IncrementalityResult> {
  const asOf = query.asOf ? new Date(query.asOf) : now;
  // Calls and journeys still queued by ingest are derived first, so no answer is stale.
  await deriveJourneys(db, workspaceId);
  const costs = await incrementalityCosts(db, workspaceId, settings);
  const { start, end } = periodBounds(query.from, query.to, settings.timeZone);
  const window = windowInterval(settings);
  const asOfText = asOf.toISOString();
  const counted = sql`x.workspace_id = ${workspaceId}
    and x.decided_at >= ${start.toISOString()}::timestamptz and x.decided_at < ${end.toISOString()}::timestamptz
    and x.decided_at <= ${asOfText}::timestamptz - ${window}
    ${query.point ? sql`and x.point = ${query.point}` : sql``}
    ${query.offerId ? sql`and x.offer_id = ${query.offerId}` : sql``}`;
  // Deflected at asOf, as the funnel says (db/queries/stages.ts): counted, resolved, not called back, confirmed.
  const deflected = sql`x.journey_arm is distinct from 'holdout' and x.resolved_at is not null
    and not (x.next_call_at is not null and x.next_call_at < x.end_at + ${window})
    and x.resolved_at + ${window} <= ${asOfText}::timestamptz`;

  const rows = await queryRows<CountRow>(
    db,
    sql`select x.offer_id, x.arm, coalesce(x.call_type, '') as call_type, count(*)::int as n,
          count(*) filter (where x.first_call_at < x.decided_at + ${window})::int as called,
          count(*) filter (where x.arm = 'treatment' and ${deflected})::int as attributed,
          coalesce(sum(x.sms_segments) filter (where x.arm = 'treatment'), 0)::int as sms_segments,
          coalesce(sum(x.bot_conversations) filter (where x.arm = 'treatment'), 0)::int as bot_conversations
        from offer_exposures x
        where ${counted}
        group by 1, 2, 3`,
  );
  const offerIds = [...new Set(rows.map((row) => row.offer_id))];
  // Each offer's first counted decision (by decidedAt, then event id) gives its point and the
  // version whose holdout percent and name it was decided under.
  const firsts = offerIds.length === 0 ? [] : await queryRows<FirstRow>(
    db,
    sql`select o.offer_id, f.point, coalesce(v.data ->> 'name', latest.data ->> 'name') as name, v.data -> 'holdoutPercent' as holdout_percent
        from jsonb_array_elements_text(${JSON.stringify(offerIds)}::jsonb) as o(offer_id)
        cross join lateral (
          select x.point, x.offer_version from offer_exposures x
          where ${counted} and x.offer_id = o.offer_id
          order by x.decided_at, x.event_id collate "C" limit 1
        ) f
        left join config_items i on i.workspace_id = ${workspaceId} and i.id = o.offer_id and i.kind = 'ivr_offer'
        left join config_versions v on v.workspace_id = ${workspaceId} and v.item_id = i.id and v.version = f.offer_version
        left join config_versions latest on latest.workspace_id = ${workspaceId} and latest.item_id = i.id and latest.version = i.latest_version`,
  );

  const offers: CountedOffer[] = firsts.map((first) => {
    const offer: CountedOffer = {
      offerId: first.offer_id,
      point: first.point ?? "",
      name: first.name,
      holdoutPercent: first.holdout_percent === null || first.holdout_percent === undefined ? null : Number(first.holdout_percent),
      nTreatment: 0,
      nHoldout: 0,
      calledTreatment: 0,
      calledHoldout: 0,
      attributedDeflections: 0,
      smsSegments: 0,
      botConversations: 0,
      treatmentByCallType: {},
    };
    for (const row of rows) {
      if (row.offer_id !== first.offer_id) continue;
      const n = Number(row.n);
      if (row.arm === "holdout") {
        offer.nHoldout += n;
        offer.calledHoldout += Number(row.called);
        continue;
      }
      offer.nTreatment += n;
      offer.calledTreatment += Number(row.called);
      offer.attributedDeflections += Number(row.attributed);
      offer.smsSegments += Number(row.sms_segments);
      offer.botConversations += Number(row.bot_conversations);
      offer.treatmentByCallType[row.call_type] = (offer.treatmentByCallType[row.call_type] ?? 0) + n;
    }
    return offer;
  });

  return incrementalityReport(
    { from: query.from, to: query.to, asOf: asOfText, windowHours: settings.windowHours, currency: settings.currency },
    offers,
    costs,
    INTERVENTION_POINTS,
  );
}
