import { type ConfigFieldsByKind, type ConfigKind, orderedFields } from "./kinds";

export type ConfigStatus = "draft" | "published";

/** One configuration item as the data layer reads it: the latest saved version and the live one. */
export interface ConfigRecord<K extends ConfigKind = ConfigKind> {
  id: string;
  kind: K;
  /** The latest saved version: what an edit starts from and what `PUT` must name. */
  version: number;
  publishedVersion: number | null;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
  /** The fields of the latest version. */
  fields: ConfigFieldsByKind[K];
  /** The fields of the published version (what is live), or null before the first publish. */
  published: ConfigFieldsByKind[K] | null;
}

export interface ConfigVersionRecord<K extends ConfigKind = ConfigKind> {
  version: number;
  createdAt: Date;
  createdBy: string;
  fields: ConfigFieldsByKind[K];
}

/**
 * `published` when the latest version is the live one; `draft` when the latest version is not
 * live: never published, edited since, or rolled back to an older version (docs/adr/005).
 */
export function statusOf(record: Pick<ConfigRecord, "version" | "publishedVersion">): ConfigStatus {
  return record.publishedVersion === record.version ? "published" : "draft";
}

/** DESIGN.md "JSON shapes": `id`, `version`, `status`, `publishedVersion`, `updatedAt`, `updatedBy` and the fields of the latest version. */
export function toApiItem<K extends ConfigKind>(record: ConfigRecord<K>) {
  return {
    id: record.id,
    version: record.version,
    status: statusOf(record),
    publishedVersion: record.publishedVersion,
    updatedAt: record.updatedAt.toISOString(),
    updatedBy: record.updatedBy,
    ...orderedFields(record.kind, record.fields as Record<string, unknown>),
  };
}

export function toApiVersion<K extends ConfigKind>(kind: K, record: ConfigVersionRecord<K>, publishedVersion: number | null) {
  return {
    version: record.version,
    published: record.version === publishedVersion,
    createdAt: record.createdAt.toISOString(),
    createdBy: record.createdBy,
    ...orderedFields(kind, record.fields as Record<string, unknown>),
  };
}
