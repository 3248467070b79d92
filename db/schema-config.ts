import { sql } from "drizzle-orm";
import { check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import type { ConfigKind } from "@/lib/config/kinds";
import { workspaces } from "./schema";

/*
 * Configuration (IVR offers, SMS templates, escalation rules): one row per item and one per saved
 * version, every version kept. Keys lead with workspace_id like every business table
 * (docs/adr/001); the versioning model is docs/adr/005.
 */

/** One configuration item: what kind it is, its latest saved version and the version that is live. */
export const configItems = pgTable(
  "config_items",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    kind: text("kind").notNull().$type<ConfigKind>(),
    latestVersion: integer("latest_version").notNull(),
    /** Null until first published. Any saved version may be published again (roll back). */
    publishedVersion: integer("published_version"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** The last change of any sort: a saved version, a publish, a disable. */
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedByType: text("updated_by_type").notNull().$type<"user" | "api_key" | "system">(),
    updatedById: text("updated_by_id"),
    updatedBy: text("updated_by").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("config_items_kind_idx").on(t.workspaceId, t.kind),
    check("config_items_kind_check", sql`${t.kind} in ('sms_template', 'ivr_offer', 'escalation_rule')`),
    check(
      "config_items_versions_check",
      sql`${t.latestVersion} >= 1 and (${t.publishedVersion} is null or ${t.publishedVersion} between 1 and ${t.latestVersion})`,
    ),
  ],
);

/** Every saved version of an item, never changed once written (a trigger refuses updates). */
export const configVersions = pgTable(
  "config_versions",
  {
    workspaceId: text("workspace_id").notNull(),
    itemId: text("item_id").notNull(),
    version: integer("version").notNull(),
    /** The item's editable fields as its kind's zod schema outputs them. */
    data: jsonb("data").notNull().$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdByType: text("created_by_type").notNull().$type<"user" | "api_key" | "system">(),
    createdById: text("created_by_id"),
    createdBy: text("created_by").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.itemId, t.version] }),
    foreignKey({ columns: [t.workspaceId, t.itemId], foreignColumns: [configItems.workspaceId, configItems.id] }).onDelete("cascade"),
  ],
);
