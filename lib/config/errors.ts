/**
 * Why a configuration change was refused. The data layer throws these; the API turns them into
 * DESIGN.md's 404 / 409 / 422 and the server actions into a message on the form.
 */

export interface ConfigProblem {
  /** The field concerned, dotted (`smsTemplateId`, `dtmfKey`), or "" for the item as a whole. */
  path: string;
  message: string;
}

/** Who saved the version that made an edit stale. */
export interface ConflictInfo {
  currentVersion: number;
  updatedBy: string;
  updatedAt: string;
}

export type ConfigErrorReason = "not_found" | "conflict" | "invalid";

export class ConfigError extends Error {
  constructor(
    readonly reason: ConfigErrorReason,
    message: string,
    readonly problems: ConfigProblem[] = [],
    readonly conflict?: ConflictInfo,
  ) {
    super(message);
    this.name = "ConfigError";
  }
}

export function notFoundError(label: string): ConfigError {
  return new ConfigError("not_found", `No such ${label} in this workspace.`);
}

export function invalidError(message: string, problems: ConfigProblem[]): ConfigError {
  return new ConfigError("invalid", message, problems);
}

export function conflictError(label: string, editedVersion: number, conflict: ConflictInfo): ConfigError {
  return new ConfigError(
    "conflict",
    `This ${label} was changed by ${conflict.updatedBy} at ${conflict.updatedAt} and is now at version ${conflict.currentVersion}; ` +
      `you edited version ${editedVersion}. Nothing was saved: reload it, then make your change again.`,
    [{ path: "version", message: `Stale: the latest version is ${conflict.currentVersion}, saved by ${conflict.updatedBy}` }],
    conflict,
  );
}
