import { KIND_LABELS, isConfigKind } from "./labels";

/** One line about an audit entry, for people: "published SMS template “IVR: chat link” (version 2)". */

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  sms_template: "SMS template",
  ivr_offer: "IVR offer",
  escalation_rule: "Escalation rule",
  settings: "Workspace settings",
  membership: "Member",
  api_key: "API key",
  workspace: "Workspace",
};

export interface AuditEntryLike {
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

function field(value: unknown, name: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

const VERBS: Record<string, string> = {
  create: "created",
  update: "edited",
  publish: "published",
  rollback: "rolled back",
  delete: "deleted",
  enable: "enabled",
  disable: "disabled",
  revoke: "revoked",
};

/**
 * `names` resolves ids that entries carry without a name (a member's user id → their email).
 * Configuration entries carry their item's name in before/after.
 */
export function describeAuditEntry(entry: AuditEntryLike, names: Record<string, string> = {}): string {
  const verb = VERBS[entry.action] ?? entry.action;
  const name = field(entry.after, "name") ?? field(entry.before, "name");
  if (isConfigKind(entry.entityType)) {
    const what = `${KIND_LABELS[entry.entityType].label} “${String(name ?? entry.entityId)}”`;
    const version = field(entry.after, "publishedVersion") ?? field(entry.after, "version");
    switch (entry.action) {
      case "update":
        return `edited ${what}: saved version ${field(entry.after, "version")} as a draft`;
      case "publish":
        return `published ${what}, version ${version}`;
      case "rollback":
        return `rolled back ${what} to version ${version}`;
      case "create":
        return field(entry.after, "publishedVersion") ? `created and published ${what}` : `created ${what} as a draft`;
      case "enable":
      case "disable":
        return `${verb} ${what}${field(entry.after, "publishedVersion") === field(entry.after, "version") ? ", live as version " + String(field(entry.after, "version")) : ""}`;
      default:
        return `${verb} ${what}`;
    }
  }
  switch (entry.entityType) {
    case "settings":
      return "changed the workspace settings";
    case "membership": {
      const who = (entry.entityId && names[entry.entityId]) ?? "a member";
      if (entry.action === "create") return `added ${who} as ${String(field(entry.after, "role"))}`;
      if (entry.action === "delete") return `removed ${who} from the workspace`;
      return `changed the role of ${who} from ${String(field(entry.before, "role"))} to ${String(field(entry.after, "role"))}`;
    }
    case "api_key":
      return `${verb} API key “${String(name ?? field(entry.after, "prefix") ?? field(entry.before, "prefix") ?? entry.entityId)}”`;
    case "workspace":
      return `${verb} the workspace “${String(name ?? entry.entityId)}”`;
    default:
      return `${verb} ${AUDIT_ENTITY_LABELS[entry.entityType]?.toLowerCase() ?? entry.entityType.replace(/_/g, " ")}${name ? ` “${String(name)}”` : ""}`;
  }
}
