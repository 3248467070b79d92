CREATE TABLE "offer_exposure_rollup" (
	"workspace_id" text NOT NULL,
	"day" date NOT NULL,
	"offer_id" text NOT NULL,
	"point" text NOT NULL,
	"arm" text NOT NULL,
	"call_type" text NOT NULL,
	"customers" integer NOT NULL,
	"called" integer NOT NULL,
	"kept" integer NOT NULL,
	"sms_segments" integer NOT NULL,
	"bot_conversations" integer NOT NULL,
	CONSTRAINT "offer_exposure_rollup_pk" PRIMARY KEY("workspace_id","day","offer_id","point","arm","call_type")
);
--> statement-breakpoint
CREATE TABLE "offer_exposure_rollup_state" (
	"workspace_id" text PRIMARY KEY NOT NULL,
	"time_zone" text NOT NULL,
	"window_hours" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "offer_exposure_rollup" ADD CONSTRAINT "offer_exposure_rollup_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_exposure_rollup_state" ADD CONSTRAINT "offer_exposure_rollup_state_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offer_exposures_resolved_idx" ON "offer_exposures" USING btree ("workspace_id","resolved_at") WHERE "offer_exposures"."resolved_at" is not null;--> statement-breakpoint
-- One exposure's part of its rollup row, times `sign` (docs/adr/026). The conditions are those of
-- db/queries/incrementality.ts: called within W of the decision; kept (deflected once resolvedAt +
-- W ≤ asOf): treatment, journey not held out, resolved, not called back before endAt + W.
CREATE FUNCTION offer_exposure_rollup_add(x offer_exposures, tz text, w integer, sign integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  treated boolean := x.arm = 'treatment';
BEGIN
  INSERT INTO offer_exposure_rollup AS r (workspace_id, day, offer_id, point, arm, call_type, customers, called, kept, sms_segments, bot_conversations)
  VALUES (
    x.workspace_id, (x.decided_at AT TIME ZONE tz)::date, x.offer_id, coalesce(x.point, ''), x.arm, coalesce(x.call_type, ''),
    sign,
    sign * coalesce(x.first_call_at < x.decided_at + make_interval(hours => w), false)::int,
    sign * coalesce(treated AND x.journey_arm IS DISTINCT FROM 'holdout' AND x.resolved_at IS NOT NULL
      AND NOT (x.next_call_at IS NOT NULL AND x.next_call_at < x.end_at + make_interval(hours => w)), false)::int,
    CASE WHEN treated THEN sign * x.sms_segments ELSE 0 END,
    CASE WHEN treated THEN sign * x.bot_conversations ELSE 0 END)
  ON CONFLICT (workspace_id, day, offer_id, point, arm, call_type) DO UPDATE SET
    customers = r.customers + excluded.customers, called = r.called + excluded.called, kept = r.kept + excluded.kept,
    sms_segments = r.sms_segments + excluded.sms_segments, bot_conversations = r.bot_conversations + excluded.bot_conversations;
END;
$$;
--> statement-breakpoint
-- Exposures are only inserted and updated (a workspace's go with it, rollup included).
CREATE FUNCTION offer_exposure_rollup_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  st offer_exposure_rollup_state;
BEGIN
  SELECT * INTO st FROM offer_exposure_rollup_state s WHERE s.workspace_id = NEW.workspace_id;
  IF NOT FOUND THEN
    RETURN NULL; -- not built yet: the first read builds it
  END IF;
  IF TG_OP = 'UPDATE' THEN
    PERFORM offer_exposure_rollup_add(OLD, st.time_zone, st.window_hours, -1);
  END IF;
  PERFORM offer_exposure_rollup_add(NEW, st.time_zone, st.window_hours, 1);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER offer_exposure_rollup_from_exposures
  AFTER INSERT OR UPDATE ON offer_exposures
  FOR EACH ROW EXECUTE FUNCTION offer_exposure_rollup_changed();
--> statement-breakpoint
CREATE FUNCTION offer_exposure_rollup_rebuild(p_workspace text, tz text, w integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM offer_exposure_rollup WHERE workspace_id = p_workspace;
  INSERT INTO offer_exposure_rollup (workspace_id, day, offer_id, point, arm, call_type, customers, called, kept, sms_segments, bot_conversations)
  SELECT x.workspace_id, (x.decided_at AT TIME ZONE tz)::date, x.offer_id, coalesce(x.point, ''), x.arm, coalesce(x.call_type, ''),
    count(*),
    count(*) FILTER (WHERE x.first_call_at < x.decided_at + make_interval(hours => w)),
    count(*) FILTER (WHERE x.arm = 'treatment' AND x.journey_arm IS DISTINCT FROM 'holdout' AND x.resolved_at IS NOT NULL
      AND NOT (x.next_call_at IS NOT NULL AND x.next_call_at < x.end_at + make_interval(hours => w))),
    coalesce(sum(x.sms_segments) FILTER (WHERE x.arm = 'treatment'), 0),
    coalesce(sum(x.bot_conversations) FILTER (WHERE x.arm = 'treatment'), 0)
  FROM offer_exposures x
  WHERE x.workspace_id = p_workspace
  GROUP BY 1, 2, 3, 4, 5, 6;
  INSERT INTO offer_exposure_rollup_state (workspace_id, time_zone, window_hours) VALUES (p_workspace, tz, w)
  ON CONFLICT (workspace_id) DO UPDATE SET time_zone = excluded.time_zone, window_hours = excluded.window_hours;
END;
$$;
