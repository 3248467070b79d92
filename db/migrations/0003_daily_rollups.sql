CREATE TABLE "calls_daily" (
	"workspace_id" text NOT NULL,
	"day" date NOT NULL,
	"call_type" text NOT NULL,
	"calls" integer NOT NULL,
	CONSTRAINT "calls_daily_workspace_id_day_call_type_pk" PRIMARY KEY("workspace_id","day","call_type")
);
--> statement-breakpoint
CREATE TABLE "journey_daily" (
	"workspace_id" text NOT NULL,
	"day" date NOT NULL,
	"point" text NOT NULL,
	"call_type" text NOT NULL,
	"channel" text NOT NULL,
	"offered" integer NOT NULL,
	"accepted" integer NOT NULL,
	"engaged" integer NOT NULL,
	"resolved" integer NOT NULL,
	"escalated" integer NOT NULL,
	"bounced" integer NOT NULL,
	"resolved_kept" integer NOT NULL,
	CONSTRAINT "journey_daily_workspace_id_day_point_call_type_channel_pk" PRIMARY KEY("workspace_id","day","point","call_type","channel")
);
--> statement-breakpoint
CREATE TABLE "rollup_dirty" (
	"workspace_id" text NOT NULL,
	"day" date NOT NULL,
	CONSTRAINT "rollup_dirty_workspace_id_day_pk" PRIMARY KEY("workspace_id","day")
);
--> statement-breakpoint
CREATE TABLE "unresolved_daily" (
	"workspace_id" text NOT NULL,
	"day" date NOT NULL,
	"call_type" text NOT NULL,
	"utterance" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "unresolved_daily_workspace_id_day_call_type_utterance_pk" PRIMARY KEY("workspace_id","day","call_type","utterance")
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "utterance" text;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "rollup_time_zone" text;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "rollup_window_hours" integer;--> statement-breakpoint
ALTER TABLE "calls_daily" ADD CONSTRAINT "calls_daily_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_daily" ADD CONSTRAINT "journey_daily_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_dirty" ADD CONSTRAINT "rollup_dirty_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unresolved_daily" ADD CONSTRAINT "unresolved_daily_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;