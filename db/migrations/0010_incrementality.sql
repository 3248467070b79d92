CREATE TABLE "offer_exposures" (
	"workspace_id" text NOT NULL,
	"offer_id" text NOT NULL,
	"customer" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"event_id" text NOT NULL,
	"arm" text NOT NULL,
	"offer_version" integer,
	"point" text,
	"call_type" text,
	"journey" text NOT NULL,
	"first_call_at" timestamp with time zone,
	"journey_arm" text,
	"resolved_at" timestamp with time zone,
	"end_at" timestamp with time zone,
	"next_call_at" timestamp with time zone,
	"sms_segments" integer DEFAULT 0 NOT NULL,
	"bot_conversations" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "offer_exposures_workspace_id_offer_id_customer_pk" PRIMARY KEY("workspace_id","offer_id","customer")
);
--> statement-breakpoint
ALTER TABLE "offer_exposures" ADD CONSTRAINT "offer_exposures_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offer_exposures_decided_idx" ON "offer_exposures" USING btree ("workspace_id","decided_at");--> statement-breakpoint
CREATE INDEX "offer_exposures_journey_idx" ON "offer_exposures" USING btree ("workspace_id","journey");--> statement-breakpoint
CREATE INDEX "offer_exposures_customer_idx" ON "offer_exposures" USING btree ("workspace_id","customer");--> statement-breakpoint
-- offer_exposures is kept by triggers on what the derivation writes (docs/adr/026): a journey
-- (re)derived from new events brings its decisions, each the first of its offer and customer
-- until an earlier one comes, and the facts the report reads of that journey; a drained call
-- moves the first call of its customer's exposures earlier.
CREATE FUNCTION offer_exposures_version(v jsonb) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE jsonb_typeof(v)
    WHEN 'number' THEN CASE WHEN v::numeric >= 1 AND v::numeric <= 2147483647 AND v::numeric = trunc(v::numeric) THEN v::numeric::integer END
    WHEN 'string' THEN CASE WHEN (v #>> '{}') ~ '^[0-9]{1,9}$' AND (v #>> '{}')::integer >= 1 THEN (v #>> '{}')::integer END
  END
$$;
--> statement-breakpoint
-- An sms.sent's attributes.segments when it is a whole number from 1 to 10, else 1.
CREATE FUNCTION offer_exposures_segments(v jsonb) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN jsonb_typeof(v) = 'number' THEN
    CASE WHEN v::numeric >= 1 AND v::numeric <= 10 AND v::numeric = trunc(v::numeric) THEN v::numeric::integer ELSE 1 END
  ELSE 1 END
$$;
--> statement-breakpoint
CREATE FUNCTION offer_exposures_refresh(p_workspace text, p_journey text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- The journey's decisions: each customer's first of each offer, replacing a later one.
  INSERT INTO offer_exposures AS x (workspace_id, offer_id, customer, decided_at, event_id, arm, offer_version, point, call_type, journey)
  SELECT DISTINCT ON (e.attributes ->> 'offerId', e.customer)
    e.workspace_id, e.attributes ->> 'offerId', e.customer, e.occurred_at, e.id,
    CASE e.type WHEN 'offer.held_out' THEN 'holdout' ELSE 'treatment' END,
    offer_exposures_version(e.attributes -> 'offerVersion'), e.point, e.call_type, e.journey
  FROM events e
  WHERE e.workspace_id = p_workspace AND e.journey = p_journey
    AND e.type IN ('offer.shown', 'offer.held_out')
    AND jsonb_typeof(e.attributes -> 'offerId') = 'string' AND e.attributes ->> 'offerId' <> ''
  ORDER BY e.attributes ->> 'offerId', e.customer, e.occurred_at, e.id COLLATE "C"
  ON CONFLICT (workspace_id, offer_id, customer) DO UPDATE SET
    decided_at = excluded.decided_at, event_id = excluded.event_id, arm = excluded.arm,
    offer_version = excluded.offer_version, point = excluded.point, call_type = excluded.call_type, journey = excluded.journey
  WHERE excluded.decided_at < x.decided_at
    OR (excluded.decided_at = x.decided_at AND excluded.event_id COLLATE "C" < x.event_id COLLATE "C");

  -- What the report reads of the journey of every exposure decided in it.
  UPDATE offer_exposures x SET
    journey_arm = j.arm, resolved_at = j.resolved_at, end_at = j.end_at, next_call_at = j.next_call_at,
    sms_segments = (
      SELECT coalesce(sum(offer_exposures_segments(e.attributes -> 'segments')), 0) FROM events e
      WHERE e.workspace_id = p_workspace AND e.journey = p_journey AND e.type = 'sms.sent'),
    bot_conversations = (
      SELECT count(*) FROM events e
      WHERE e.workspace_id = p_workspace AND e.journey = p_journey AND e.type = 'chat.started'),
    first_call_at = (
      SELECT min(c.occurred_at) FROM customer_calls c
      WHERE c.workspace_id = p_workspace AND c.customer = x.customer AND c.occurred_at >= x.decided_at)
  FROM (SELECT 1) one
  LEFT JOIN journeys j ON j.workspace_id = p_workspace AND j.journey = p_journey
  WHERE x.workspace_id = p_workspace AND x.journey = p_journey;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION offer_exposures_journey_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.event_count = OLD.event_count THEN
    -- No new event (events are only ever added): only a bounce-back may have moved.
    UPDATE offer_exposures x SET journey_arm = NEW.arm, resolved_at = NEW.resolved_at, end_at = NEW.end_at, next_call_at = NEW.next_call_at
    WHERE x.workspace_id = NEW.workspace_id AND x.journey = NEW.journey
      AND (x.journey_arm, x.resolved_at, x.end_at, x.next_call_at) IS DISTINCT FROM (NEW.arm, NEW.resolved_at, NEW.end_at, NEW.next_call_at);
  ELSE
    PERFORM offer_exposures_refresh(NEW.workspace_id, NEW.journey);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Every decision journey has an offer.shown (offered) or an offer.held_out (arm holdout).
CREATE TRIGGER offer_exposures_from_journeys
  AFTER INSERT OR UPDATE ON journeys
  FOR EACH ROW WHEN (NEW.offered OR NEW.arm IS NOT NULL) EXECUTE FUNCTION offer_exposures_journey_changed();
--> statement-breakpoint
CREATE FUNCTION offer_exposures_calls_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE offer_exposures x SET first_call_at = f.first_call
  FROM (
    SELECT x2.workspace_id, x2.offer_id, x2.customer, min(n.occurred_at) AS first_call
    FROM added n
    CROSS JOIN LATERAL (
      SELECT x2.workspace_id, x2.offer_id, x2.customer FROM offer_exposures x2
      WHERE x2.workspace_id = n.workspace_id AND x2.customer = n.customer AND x2.decided_at <= n.occurred_at
        AND (x2.first_call_at IS NULL OR n.occurred_at < x2.first_call_at)
      OFFSET 0
    ) x2
    GROUP BY 1, 2, 3
  ) f
  WHERE x.workspace_id = f.workspace_id AND x.offer_id = f.offer_id AND x.customer = f.customer;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER offer_exposures_from_calls
  AFTER INSERT ON customer_calls
  REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION offer_exposures_calls_added();
--> statement-breakpoint
-- What was derived before this migration.
SELECT offer_exposures_refresh(j.workspace_id, j.journey) FROM journeys j WHERE j.offered OR j.arm IS NOT NULL;
