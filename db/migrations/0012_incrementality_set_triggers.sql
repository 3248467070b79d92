-- The triggers of migrations 0010 and 0011 ran PL/pgSQL once per journey and per exposure, with
-- plans cached while the tables were empty: a demo seed's derivation took 40 times as long. They
-- become statement triggers over transition tables, one set-based pass per statement, each query
-- planned when it runs (EXECUTE), so that it sees the tables' real sizes (docs/adr/026).
DROP TRIGGER offer_exposures_from_journeys ON journeys;
--> statement-breakpoint
DROP FUNCTION offer_exposures_journey_changed();
--> statement-breakpoint
DROP TRIGGER offer_exposure_rollup_from_exposures ON offer_exposures;
--> statement-breakpoint
DROP FUNCTION offer_exposure_rollup_changed();
--> statement-breakpoint
DROP TRIGGER offer_exposures_from_calls ON customer_calls;
--> statement-breakpoint
DROP FUNCTION offer_exposures_calls_added();
--> statement-breakpoint
-- Journeys (re)derived: `fresh` ones have new events (their decisions and counts are read again);
-- the others only moved a fact (a bounce-back), which is copied to their exposures.
CREATE FUNCTION offer_exposures_refresh_set(ws text[], js text[], fresh boolean[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(array_length(js, 1), 0) = 0 THEN
    RETURN;
  END IF;
  EXECUTE $q$
    INSERT INTO offer_exposures AS x (workspace_id, offer_id, customer, decided_at, event_id, arm, offer_version, point, call_type, journey)
    SELECT DISTINCT ON (e.workspace_id, e.attributes ->> 'offerId', e.customer)
      e.workspace_id, e.attributes ->> 'offerId', e.customer, e.occurred_at, e.id,
      CASE e.type WHEN 'offer.held_out' THEN 'holdout' ELSE 'treatment' END,
      offer_exposures_version(e.attributes -> 'offerVersion'), e.point, e.call_type, e.journey
    FROM unnest($1, $2, $3) AS c(workspace_id, journey, fresh)
    CROSS JOIN LATERAL (
      SELECT e.* FROM events e
      WHERE e.workspace_id = c.workspace_id AND e.journey = c.journey
        AND e.type IN ('offer.shown', 'offer.held_out')
        AND jsonb_typeof(e.attributes -> 'offerId') = 'string' AND e.attributes ->> 'offerId' <> ''
      OFFSET 0
    ) e
    WHERE c.fresh
    ORDER BY e.workspace_id, e.attributes ->> 'offerId', e.customer, e.occurred_at, e.id COLLATE "C"
    ON CONFLICT (workspace_id, offer_id, customer) DO UPDATE SET
      decided_at = excluded.decided_at, event_id = excluded.event_id, arm = excluded.arm,
      offer_version = excluded.offer_version, point = excluded.point, call_type = excluded.call_type, journey = excluded.journey
    WHERE excluded.decided_at < x.decided_at
      OR (excluded.decided_at = x.decided_at AND excluded.event_id COLLATE "C" < x.event_id COLLATE "C")
  $q$ USING ws, js, fresh;
  EXECUTE $q$
    WITH targets AS (
      SELECT x.workspace_id, x.offer_id, x.customer, x.decided_at, x.journey, c.fresh,
        j.arm, j.resolved_at, j.end_at, j.next_call_at,
        x.journey_arm AS old_arm, x.resolved_at AS old_resolved_at, x.end_at AS old_end_at, x.next_call_at AS old_next_call_at
      FROM unnest($1, $2, $3) AS c(workspace_id, journey, fresh)
      CROSS JOIN LATERAL (
        SELECT x.* FROM offer_exposures x WHERE x.workspace_id = c.workspace_id AND x.journey = c.journey OFFSET 0
      ) x
      LEFT JOIN LATERAL (
        SELECT j.* FROM journeys j WHERE j.workspace_id = c.workspace_id AND j.journey = c.journey OFFSET 0
      ) j ON true
    )
    UPDATE offer_exposures x SET
      journey_arm = t.arm, resolved_at = t.resolved_at, end_at = t.end_at, next_call_at = t.next_call_at,
      sms_segments = CASE WHEN t.fresh THEN (
        SELECT coalesce(sum(offer_exposures_segments(e.attributes -> 'segments')), 0) FROM events e
        WHERE e.workspace_id = t.workspace_id AND e.journey = t.journey AND e.type = 'sms.sent') ELSE x.sms_segments END,
      bot_conversations = CASE WHEN t.fresh THEN (
        SELECT count(*) FROM events e
        WHERE e.workspace_id = t.workspace_id AND e.journey = t.journey AND e.type = 'chat.started') ELSE x.bot_conversations END,
      first_call_at = CASE WHEN t.fresh THEN (
        SELECT min(c.occurred_at) FROM customer_calls c
        WHERE c.workspace_id = t.workspace_id AND c.customer = t.customer AND c.occurred_at >= t.decided_at) ELSE x.first_call_at END
    FROM targets t
    WHERE x.workspace_id = t.workspace_id AND x.offer_id = t.offer_id AND x.customer = t.customer
      AND (t.fresh OR (t.old_arm, t.old_resolved_at, t.old_end_at, t.old_next_call_at) IS DISTINCT FROM (t.arm, t.resolved_at, t.end_at, t.next_call_at))
  $q$ USING ws, js, fresh;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION offer_exposures_journeys_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ws text[];
  js text[];
  fresh boolean[];
BEGIN
  SELECT array_agg(n.workspace_id), array_agg(n.journey), array_agg(true)
  INTO ws, js, fresh
  FROM inserted n WHERE n.offered OR n.arm IS NOT NULL;
  PERFORM offer_exposures_refresh_set(ws, js, fresh);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION offer_exposures_journeys_updated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ws text[];
  js text[];
  fresh boolean[];
BEGIN
  -- Events are only ever added: the same count is the same events.
  SELECT array_agg(n.workspace_id), array_agg(n.journey), array_agg(o.event_count IS DISTINCT FROM n.event_count)
  INTO ws, js, fresh
  FROM updated n LEFT JOIN previous o ON o.workspace_id = n.workspace_id AND o.journey = n.journey
  WHERE n.offered OR n.arm IS NOT NULL;
  PERFORM offer_exposures_refresh_set(ws, js, fresh);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER offer_exposures_from_inserted_journeys
  AFTER INSERT ON journeys REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION offer_exposures_journeys_inserted();
--> statement-breakpoint
CREATE TRIGGER offer_exposures_from_updated_journeys
  AFTER UPDATE ON journeys REFERENCING OLD TABLE AS previous NEW TABLE AS updated
  FOR EACH STATEMENT EXECUTE FUNCTION offer_exposures_journeys_updated();
--> statement-breakpoint
-- Calls drained into customer_calls move the first call of their customers' exposures earlier.
CREATE FUNCTION offer_exposures_calls_added() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ws text[];
  customers text[];
  times timestamptz[];
BEGIN
  SELECT array_agg(a.workspace_id), array_agg(a.customer), array_agg(a.occurred_at) INTO ws, customers, times FROM added a;
  IF coalesce(array_length(customers, 1), 0) = 0 THEN
    RETURN NULL;
  END IF;
  EXECUTE $q$
    UPDATE offer_exposures x SET first_call_at = f.first_call
    FROM (
      SELECT x2.workspace_id, x2.offer_id, x2.customer, min(n.occurred_at) AS first_call
      FROM unnest($1, $2, $3) AS n(workspace_id, customer, occurred_at)
      CROSS JOIN LATERAL (
        SELECT x2.workspace_id, x2.offer_id, x2.customer FROM offer_exposures x2
        WHERE x2.workspace_id = n.workspace_id AND x2.customer = n.customer AND x2.decided_at <= n.occurred_at
          AND (x2.first_call_at IS NULL OR n.occurred_at < x2.first_call_at)
        OFFSET 0
      ) x2
      GROUP BY 1, 2, 3
    ) f
    WHERE x.workspace_id = f.workspace_id AND x.offer_id = f.offer_id AND x.customer = f.customer
  $q$ USING ws, customers, times;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER offer_exposures_from_calls
  AFTER INSERT ON customer_calls REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION offer_exposures_calls_added();
--> statement-breakpoint
-- The rollup moves by the exposures' changes, old out and new in, in one pass per statement.
CREATE FUNCTION offer_exposure_rollup_apply(changes jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE $q$
    INSERT INTO offer_exposure_rollup AS r (workspace_id, day, offer_id, point, arm, call_type, customers, called, kept, sms_segments, bot_conversations)
    SELECT x.workspace_id, (x.decided_at AT TIME ZONE s.time_zone)::date, x.offer_id, coalesce(x.point, ''), x.arm, coalesce(x.call_type, ''),
      sum(x.sign),
      sum(x.sign * coalesce(x.first_call_at < x.decided_at + make_interval(hours => s.window_hours), false)::int),
      sum(x.sign * coalesce(x.arm = 'treatment' AND x.journey_arm IS DISTINCT FROM 'holdout' AND x.resolved_at IS NOT NULL
        AND NOT (x.next_call_at IS NOT NULL AND x.next_call_at < x.end_at + make_interval(hours => s.window_hours)), false)::int),
      sum(CASE WHEN x.arm = 'treatment' THEN x.sign * x.sms_segments ELSE 0 END),
      sum(CASE WHEN x.arm = 'treatment' THEN x.sign * x.bot_conversations ELSE 0 END)
    FROM jsonb_to_recordset($1) AS x(sign int, workspace_id text, offer_id text, customer text, decided_at timestamptz, arm text, point text,
      call_type text, first_call_at timestamptz, journey_arm text, resolved_at timestamptz, end_at timestamptz, next_call_at timestamptz,
      sms_segments int, bot_conversations int)
    JOIN offer_exposure_rollup_state s ON s.workspace_id = x.workspace_id
    GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (workspace_id, day, offer_id, point, arm, call_type) DO UPDATE SET
      customers = r.customers + excluded.customers, called = r.called + excluded.called, kept = r.kept + excluded.kept,
      sms_segments = r.sms_segments + excluded.sms_segments, bot_conversations = r.bot_conversations + excluded.bot_conversations
  $q$ USING changes;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION offer_exposure_rollup_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes jsonb;
BEGIN
  SELECT jsonb_agg(to_jsonb(n) || '{"sign": 1}') INTO changes
  FROM inserted n WHERE EXISTS (SELECT 1 FROM offer_exposure_rollup_state s WHERE s.workspace_id = n.workspace_id);
  IF changes IS NOT NULL THEN
    PERFORM offer_exposure_rollup_apply(changes);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION offer_exposure_rollup_updated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes jsonb;
BEGIN
  SELECT jsonb_agg(change) INTO changes FROM (
    SELECT to_jsonb(o) || '{"sign": -1}' AS change FROM previous o
    WHERE EXISTS (SELECT 1 FROM offer_exposure_rollup_state s WHERE s.workspace_id = o.workspace_id)
    UNION ALL
    SELECT to_jsonb(n) || '{"sign": 1}' FROM updated n
    WHERE EXISTS (SELECT 1 FROM offer_exposure_rollup_state s WHERE s.workspace_id = n.workspace_id)
  ) c;
  IF changes IS NOT NULL THEN
    PERFORM offer_exposure_rollup_apply(changes);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER offer_exposure_rollup_from_inserted
  AFTER INSERT ON offer_exposures REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION offer_exposure_rollup_inserted();
--> statement-breakpoint
CREATE TRIGGER offer_exposure_rollup_from_updated
  AFTER UPDATE ON offer_exposures REFERENCING OLD TABLE AS previous NEW TABLE AS updated
  FOR EACH STATEMENT EXECUTE FUNCTION offer_exposure_rollup_updated();
