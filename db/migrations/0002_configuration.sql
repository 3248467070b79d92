CREATE TABLE "config_items" (
	"workspace_id" text NOT NULL,
	"id" text NOT NULL,
	"kind" text NOT NULL,
	"latest_version" integer NOT NULL,
	"published_version" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_type" text NOT NULL,
	"updated_by_id" text,
	"updated_by" text NOT NULL,
	CONSTRAINT "config_items_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "config_items_kind_check" CHECK ("config_items"."kind" in ('sms_template', 'ivr_offer', 'escalation_rule')),
	CONSTRAINT "config_items_versions_check" CHECK ("config_items"."latest_version" >= 1 and ("config_items"."published_version" is null or "config_items"."published_version" between 1 and "config_items"."latest_version"))
);
--> statement-breakpoint
CREATE TABLE "config_versions" (
	"workspace_id" text NOT NULL,
	"item_id" text NOT NULL,
	"version" integer NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_type" text NOT NULL,
	"created_by_id" text,
	"created_by" text NOT NULL,
	CONSTRAINT "config_versions_workspace_id_item_id_version_pk" PRIMARY KEY("workspace_id","item_id","version")
);
--> statement-breakpoint
ALTER TABLE "config_items" ADD CONSTRAINT "config_items_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "config_versions" ADD CONSTRAINT "config_versions_workspace_id_item_id_config_items_workspace_id_id_fk" FOREIGN KEY ("workspace_id","item_id") REFERENCES "public"."config_items"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "config_items_kind_idx" ON "config_items" USING btree ("workspace_id","kind");--> statement-breakpoint
-- Every saved version is kept as it was: the database refuses to change one (deleting an item still removes its versions).
CREATE FUNCTION config_versions_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'config_versions are immutable: % is not allowed', TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER config_versions_immutable
  BEFORE UPDATE ON config_versions
  FOR EACH ROW EXECUTE FUNCTION config_versions_refuse_update();
