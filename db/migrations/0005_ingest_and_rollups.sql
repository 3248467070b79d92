-- Daily rollups become day, week and month rollups at every grain (docs/adr/018); ingest writes by
-- COPY without a foreign-key check per event and queues one row per batch, and calls by customer
-- move from an index on events to customer_calls, written by the derivation (docs/adr/019).
CREATE TABLE "call_rollup" (
	"workspace_id" text NOT NULL,
	"grain" smallint NOT NULL,
	"span" text NOT NULL,
	"start" date NOT NULL,
	"call_type" text NOT NULL,
	"calls" integer NOT NULL,
	CONSTRAINT "call_rollup_pk" PRIMARY KEY("workspace_id","span","start","grain","call_type")
);
--> statement-breakpoint
CREATE TABLE "customer_calls" (
	"workspace_id" text NOT NULL,
	"customer" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"event_id" text NOT NULL,
	"call_type" text NOT NULL,
	CONSTRAINT "customer_calls_workspace_id_customer_occurred_at_event_id_pk" PRIMARY KEY("workspace_id","customer","occurred_at","event_id")
);
--> statement-breakpoint
CREATE TABLE "journey_rollup" (
	"workspace_id" text NOT NULL,
	"grain" smallint NOT NULL,
	"span" text NOT NULL,
	"start" date NOT NULL,
	"point" text NOT NULL,
	"call_type" text NOT NULL,
	"channel" text NOT NULL,
	"journeys" integer NOT NULL,
	"offered" integer NOT NULL,
	"accepted" integer NOT NULL,
	"engaged" integer NOT NULL,
	"resolved" integer NOT NULL,
	"escalated" integer NOT NULL,
	"bounced" integer NOT NULL,
	"resolved_kept" integer NOT NULL,
	CONSTRAINT "journey_rollup_pk" PRIMARY KEY("workspace_id","span","start","grain","point","call_type","channel")
);
--> statement-breakpoint
CREATE TABLE "unresolved_rollup" (
	"workspace_id" text NOT NULL,
	"grain" smallint NOT NULL,
	"span" text NOT NULL,
	"start" date NOT NULL,
	"point" text NOT NULL,
	"channel" text NOT NULL,
	"call_type" text NOT NULL,
	"utterance_ids" json NOT NULL,
	"counts" json NOT NULL,
	CONSTRAINT "unresolved_rollup_pk" PRIMARY KEY("workspace_id","span","start","grain","point","channel","call_type")
);
--> statement-breakpoint
CREATE TABLE "utterances" (
	"workspace_id" text NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "utterances_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"text" text NOT NULL,
	CONSTRAINT "utterances_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
DROP TABLE "calls_daily" CASCADE;--> statement-breakpoint
DROP TABLE "journey_daily" CASCADE;--> statement-breakpoint
DROP TABLE "unresolved_daily" CASCADE;--> statement-breakpoint
ALTER TABLE "events" DROP CONSTRAINT "events_workspace_id_workspaces_id_fk";
--> statement-breakpoint
DROP INDEX "events_calls_by_customer_idx";--> statement-breakpoint
DROP INDEX "events_calls_by_time_idx";--> statement-breakpoint
ALTER TABLE "call_rollup" ADD CONSTRAINT "call_rollup_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_rollup" ADD CONSTRAINT "journey_rollup_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unresolved_rollup" ADD CONSTRAINT "unresolved_rollup_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "utterances" ADD CONSTRAINT "utterances_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "utterances_text_key" ON "utterances" USING btree ("workspace_id","text");--> statement-breakpoint
ALTER TABLE "derive_queue" ADD COLUMN "journeys" text[];--> statement-breakpoint
ALTER TABLE "derive_queue" ADD COLUMN "call_ids" text[];--> statement-breakpoint
ALTER TABLE "derive_queue" ADD COLUMN "call_customers" text[];--> statement-breakpoint
ALTER TABLE "derive_queue" ADD COLUMN "call_times" timestamp with time zone[];--> statement-breakpoint
ALTER TABLE "derive_queue" ADD COLUMN "call_types" text[];--> statement-breakpoint
ALTER TABLE "derive_queue" ADD COLUMN "size" integer;--> statement-breakpoint
-- Work queued in the old shape (one row per journey or call) becomes one row per workspace. Its
-- calls get a null id and call type: agent calls are now counted and copied to customer_calls
-- when a call is drained, and these are in customer_calls already (below) and counted by the
-- full rebuild of the rollups that the last statement asks for.
INSERT INTO "derive_queue" ("workspace_id", "journeys", "call_ids", "call_customers", "call_times", "call_types", "size")
SELECT "workspace_id",
  coalesce(array_agg(DISTINCT "journey") FILTER (WHERE "journey" IS NOT NULL), '{}'),
  coalesce(array_agg(NULL::text ORDER BY "seq") FILTER (WHERE "customer" IS NOT NULL AND "call_at" IS NOT NULL), '{}'),
  coalesce(array_agg("customer" ORDER BY "seq") FILTER (WHERE "customer" IS NOT NULL AND "call_at" IS NOT NULL), '{}'),
  coalesce(array_agg("call_at" ORDER BY "seq") FILTER (WHERE "customer" IS NOT NULL AND "call_at" IS NOT NULL), '{}'),
  coalesce(array_agg(NULL::text ORDER BY "seq") FILTER (WHERE "customer" IS NOT NULL AND "call_at" IS NOT NULL), '{}'),
  count(*)::int
FROM "derive_queue" WHERE "size" IS NULL GROUP BY "workspace_id";--> statement-breakpoint
DELETE FROM "derive_queue" WHERE "size" IS NULL;--> statement-breakpoint
ALTER TABLE "derive_queue" ALTER COLUMN "journeys" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "derive_queue" ALTER COLUMN "call_ids" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "derive_queue" ALTER COLUMN "call_customers" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "derive_queue" ALTER COLUMN "call_times" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "derive_queue" ALTER COLUMN "call_types" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "derive_queue" ALTER COLUMN "size" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "derive_queue" DROP COLUMN "journey";--> statement-breakpoint
ALTER TABLE "derive_queue" DROP COLUMN "customer";--> statement-breakpoint
ALTER TABLE "derive_queue" DROP COLUMN "call_at";--> statement-breakpoint
-- A queue row lives for seconds: its arrays are stored as they are, not compressed.
ALTER TABLE "derive_queue" ALTER COLUMN "journeys" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "derive_queue" ALTER COLUMN "call_ids" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "derive_queue" ALTER COLUMN "call_customers" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "derive_queue" ALTER COLUMN "call_times" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "derive_queue" ALTER COLUMN "call_types" SET STORAGE EXTERNAL;--> statement-breakpoint
-- Every stored call, drained or not, for the first call after engagement (docs/adr/019).
INSERT INTO "customer_calls" ("workspace_id", "customer", "occurred_at", "event_id", "call_type")
SELECT "workspace_id", "customer", "occurred_at", "id", coalesce("call_type", '') FROM "events" WHERE "type" = 'call.received';--> statement-breakpoint
-- The rollups are rebuilt by the first metrics query of each workspace (docs/adr/018, 019).
UPDATE "workspaces" SET "rollup_time_zone" = NULL, "rollup_window_hours" = NULL;
