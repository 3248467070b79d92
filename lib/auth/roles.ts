import type { ApiScope, Role } from "@/lib/domain";

/**
 * What each role may do, the table "Users and roles" of DESIGN.md. Every server-side check asks
 * this one table; the UI reads it too, only to hide what a role cannot use.
 */
export const CAPABILITIES = {
  "metrics:read": ["manager", "supervisor", "executive", "admin"],
  "config:read": ["manager", "supervisor", "admin"],
  "config:write": ["supervisor", "admin"],
  "events:import": ["supervisor", "admin"],
  "settings:write": ["admin"],
  /** Runtime decisions and escalations (DESIGN.md "Runtime"): for machines only, so no role has it. */
  runtime: [],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITIES;

export function can(role: Role, capability: Capability): boolean {
  return (CAPABILITIES[capability] as readonly Role[]).includes(role);
}

/** The API key scope that grants a capability to a machine client. */
export const SCOPE_FOR_CAPABILITY: Record<Capability, ApiScope> = {
  "metrics:read": "metrics:read",
  "config:read": "config:read",
  "config:write": "config:write",
  "events:import": "events:write",
  "settings:write": "settings:write",
  runtime: "runtime",
};

export const ROLE_LABELS: Record<Role, string> = {
  manager: "Support manager",
  supervisor: "Supervisor",
  executive: "Executive",
  admin: "Administrator",
};
