ALTER TABLE "workspaces" ADD COLUMN "customer_key_secret" text DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '') NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "sms_provider" text DEFAULT 'outbox' NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "public_url" text;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "chat_url" text;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "twilio_account_sid" text;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "twilio_auth_token" text;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "sms_from" text;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "quiet_hours" jsonb;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "fallback_url" text;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "sms_cost_per_segment" numeric(12, 4) DEFAULT 0.0079 NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "bot_cost_per_conversation" numeric(12, 4) DEFAULT 0.1 NOT NULL;