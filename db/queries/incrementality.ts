import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/db";
import { INTERVENTION_POINTS } from "@/lib/domain";
import { type CountedOffer, type IncrementalityCosts, type IncrementalityResult, incrementalityReport } from "@/lib/metrics/incrementality";
import { type IncrementalityQuery, nextDay, periodBounds, startOfLocalDay } from "@/lib/metrics/params";
import type { WorkspaceSettings } from "@/lib/settings/schema";
import { deriveJourneys, workspaceLock } from "./derive";
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

const previousDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * The rollup is built with the workspace's time zone and window; a read after either changed
 * rebuilds it from the exposures, under the derivation's lock (its triggers keep it after that).
 */
async function ensureRollup(db: Db, workspaceId: string, settings: WorkspaceSettings): Promise<void> {
  const current = (rows: { time_zone: string; window_hours: number }[]) =>
    rows.length === 1 && rows[0].time_zone === settings.timeZone && Number(rows[0].window_hours) === settings.windowHours;
  const state = sql`select time_zone, window_hours from offer_exposure_rollup_state where workspace_id = ${workspaceId}`;
  if (current(await queryRows(db, state))) return;
  await db.transaction(async (tx) => {
    await tx.execute(workspaceLock(workspaceId));
    if (current(await queryRows(tx, state))) return;
    await tx.execute(sql`select offer_exposure_rollup_rebuild(${workspaceId}, ${settings.timeZone}, ${settings.windowHours})`);
  });
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

  // Days whose every decision is W old at asOf are read from the rollup, the rest from the
  // exposures themselves; `split` is where the two meet (the start of the first day that is not).
  await ensureRollup(db, workspaceId, settings);
  let lastWhole: string | null = null;
  for (let day = query.to; day >= query.from; day = previousDay(day)) {
    if (startOfLocalDay(nextDay(day), settings.timeZone).getTime() + settings.windowHours * 3_600_000 <= asOf.getTime()) {
      lastWhole = day;
      break;
    }
  }
  const split = lastWhole === null ? start : startOfLocalDay(nextDay(lastWhole), settings.timeZone);
  const narrowed = sql`${query.point ? sql`and x.point = ${query.point}` : sql``} ${query.offerId ? sql`and x.offer_id = ${query.offerId}` : sql``}`;
  const [fromRollup, fromRows, stillPending] = await Promise.all([
    lastWhole === null
      ? Promise.resolve([] as CountRow[])
      : queryRows<CountRow>(
          db,
          sql`select x.offer_id, x.arm, x.call_type, sum(x.customers)::int as n, sum(x.called)::int as called,
                sum(x.kept)::int as attributed, sum(x.sms_segments)::int as sms_segments, sum(x.bot_conversations)::int as bot_conversations
              from offer_exposure_rollup x
              where x.workspace_id = ${workspaceId} and x.day >= ${query.from}::date and x.day <= ${lastWhole}::date
                ${narrowed}
              group by 1, 2, 3`,
        ),
    queryRows<CountRow>(
      db,
      sql`select x.offer_id, x.arm, coalesce(x.call_type, '') as call_type, count(*)::int as n,
            count(*) filter (where x.first_call_at < x.decided_at + ${window})::int as called,
            count(*) filter (where x.arm = 'treatment' and ${deflected})::int as attributed,
            coalesce(sum(x.sms_segments) filter (where x.arm = 'treatment'), 0)::int as sms_segments,
            coalesce(sum(x.bot_conversations) filter (where x.arm = 'treatment'), 0)::int as bot_conversations
          from offer_exposures x
          where ${counted} and x.decided_at >= ${split.toISOString()}::timestamptz
          group by 1, 2, 3`,
    ),
    // The rollup's kept exposures not deflected yet at asOf: resolved within W before it.
    lastWhole === null
      ? Promise.resolve([] as CountRow[])
      : queryRows<CountRow>(
          db,
          sql`select x.offer_id, x.arm, coalesce(x.call_type, '') as call_type, 0 as n, 0 as called, -count(*)::int as attributed,
                0 as sms_segments, 0 as bot_conversations
              from offer_exposures x
              where x.workspace_id = ${workspaceId} and x.resolved_at > ${asOfText}::timestamptz - ${window}
                and x.decided_at >= ${start.toISOString()}::timestamptz and x.decided_at < ${split.toISOString()}::timestamptz
                and x.arm = 'treatment' and x.journey_arm is distinct from 'holdout'
                and not (x.next_call_at is not null and x.next_call_at < x.end_at + ${window}) ${narrowed}
              group by 1, 2, 3`,
        ),
  ]);
  const rows = [...fromRollup, ...fromRows, ...stillPending];
  const offerIds = [...new Set(rows.map((row) => row.offer_id))];
  // Each offer's first counted decision (by decidedAt, then event id) gives its point and the
  // version whose holdout percent and name it was decided under.
  const firsts = offerIds.length === 0 ? [] : await queryRows<FirstRow>(
    db,
    sql`select o.offer_id, f.point, coalesce(v.data ->> 'name', latest.data ->> 'name') as name, v.data -> 'holdoutPercent' as holdout_percent
        from jsonb_array_elements_text(${JSON.stringify(offerIds)}::jsonb) as o(offer_id)
        -- The earliest instant first, through the decided_at index; only its ties are sorted by id
        -- (ordering by both at once sorted every exposure of the offer in the period).
        cross join lateral (
          select x.point, x.offer_version from offer_exposures x
          where ${counted} and x.offer_id = o.offer_id
            and x.decided_at = (select min(x.decided_at) from offer_exposures x where ${counted} and x.offer_id = o.offer_id)
          order by x.event_id collate "C" limit 1
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
      if (n === 0 && Number(row.attributed) === 0) continue;
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
      if (n !== 0) offer.treatmentByCallType[row.call_type] = (offer.treatmentByCallType[row.call_type] ?? 0) + n;
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
