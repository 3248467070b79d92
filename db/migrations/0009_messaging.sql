CREATE TABLE "chat_links" (
	"workspace_id" text NOT NULL,
	"id" text NOT NULL,
	"token_hash" text NOT NULL,
	"message_id" text NOT NULL,
	"journey" text NOT NULL,
	"customer" text NOT NULL,
	"point" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "chat_links_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"workspace_id" text NOT NULL,
	"id" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"point" text NOT NULL,
	"journey" text NOT NULL,
	"customer" text NOT NULL,
	"requested" boolean NOT NULL,
	"template_id" text NOT NULL,
	"template_version" integer NOT NULL,
	"body" text NOT NULL,
	"encoding" text NOT NULL,
	"segments" integer NOT NULL,
	"cost" numeric(12, 4) NOT NULL,
	"masked_to" text NOT NULL,
	"held_to" text,
	"provider" text NOT NULL,
	"provider_sid" text,
	"status" text NOT NULL,
	"error_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"hold_until" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "messages_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "chat_token_secret" text DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '') NOT NULL;--> statement-breakpoint
ALTER TABLE "chat_links" ADD CONSTRAINT "chat_links_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "chat_links_token_key" ON "chat_links" USING btree ("workspace_id","token_hash");--> statement-breakpoint
CREATE INDEX "chat_links_token_idx" ON "chat_links" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_dedupe_key" ON "messages" USING btree ("workspace_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "messages_created_idx" ON "messages" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "messages_held_idx" ON "messages" USING btree ("hold_until") WHERE "messages"."status" = 'held';