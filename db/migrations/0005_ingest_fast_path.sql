ALTER TABLE "events" DROP CONSTRAINT "events_workspace_id_workspaces_id_fk";
--> statement-breakpoint
DROP INDEX "events_calls_by_time_idx";--> statement-breakpoint
ALTER TABLE "derive_queue" ADD COLUMN "journeys" text[];--> statement-breakpoint
ALTER TABLE "derive_queue" ADD COLUMN "call_customers" text[];--> statement-breakpoint
ALTER TABLE "derive_queue" ADD COLUMN "call_times" timestamp with time zone[];--> statement-breakpoint
ALTER TABLE "derive_queue" ADD COLUMN "call_types" text[];--> statement-breakpoint
ALTER TABLE "derive_queue" ADD COLUMN "size" integer;--> statement-breakpoint
-- Work queued in the old shape (one row per journey or call) becomes one row per workspace. Its
-- calls get a null call type: agent calls are now counted when a call is drained, and these are
-- counted instead by the full rebuild of the rollups that the update below asks for.
INSERT INTO "derive_queue" ("workspace_id", "journeys", "call_customers", "call_times", "call_types", "size")
SELECT "workspace_id",
  coalesce(array_agg(DISTINCT "journey") FILTER (WHERE "journey" IS NOT NULL), '{}'),
  coalesce(array_agg("customer" ORDER BY "seq") FILTER (WHERE "customer" IS NOT NULL AND "call_at" IS NOT NULL), '{}'),
  coalesce(array_agg("call_at" ORDER BY "seq") FILTER (WHERE "customer" IS NOT NULL AND "call_at" IS NOT NULL), '{}'),
  coalesce(array_agg(NULL::text ORDER BY "seq") FILTER (WHERE "customer" IS NOT NULL AND "call_at" IS NOT NULL), '{}'),
  count(*)::int
FROM "derive_queue" WHERE "size" IS NULL GROUP BY "workspace_id";--> statement-breakpoint
DELETE FROM "derive_queue" WHERE "size" IS NULL;--> statement-breakpoint
UPDATE "workspaces" SET "rollup_time_zone" = NULL;--> statement-breakpoint
ALTER TABLE "derive_queue" ALTER COLUMN "journeys" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "derive_queue" ALTER COLUMN "call_customers" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "derive_queue" ALTER COLUMN "call_times" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "derive_queue" ALTER COLUMN "call_types" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "derive_queue" ALTER COLUMN "size" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "derive_queue" DROP COLUMN "journey";--> statement-breakpoint
ALTER TABLE "derive_queue" DROP COLUMN "customer";--> statement-breakpoint
ALTER TABLE "derive_queue" DROP COLUMN "call_at";
