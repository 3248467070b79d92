CREATE TABLE "opt_outs" (
	"workspace_id" text NOT NULL,
	"customer" text NOT NULL,
	"source" text NOT NULL,
	"masked_phone" text,
	"opted_out_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opt_outs_workspace_id_customer_pk" PRIMARY KEY("workspace_id","customer")
);
--> statement-breakpoint
CREATE TABLE "runtime_decisions" (
	"workspace_id" text NOT NULL,
	"point" text NOT NULL,
	"contact_id" text NOT NULL,
	"decision_id" text NOT NULL,
	"journey" text NOT NULL,
	"customer" text NOT NULL,
	"answer" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "runtime_decisions_workspace_id_point_contact_id_pk" PRIMARY KEY("workspace_id","point","contact_id")
);
--> statement-breakpoint
ALTER TABLE "journeys" ADD COLUMN "arm" text;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "config_revision" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "opt_outs" ADD CONSTRAINT "opt_outs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runtime_decisions" ADD CONSTRAINT "runtime_decisions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "runtime_decisions_decision_key" ON "runtime_decisions" USING btree ("workspace_id","decision_id");