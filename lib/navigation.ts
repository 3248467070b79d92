import type { Capability } from "@/lib/auth/roles";
import { can } from "@/lib/auth/roles";
import type { Role } from "@/lib/domain";

export type NavIcon =
  | "overview"
  | "funnels"
  | "parity"
  | "roi"
  | "impact"
  | "ivr"
  | "sms"
  | "escalation"
  | "audit"
  | "import"
  | "settings"
  | "users"
  | "keys"
  | "messaging";

export interface NavItem {
  href: string;
  label: string;
  icon: NavIcon;
  capability: Capability;
}

export interface NavSection {
  title: string;
  items: NavItem[];
}

/** Every page of the app and the capability it needs; the sidebar shows a role only what it may use. */
export const NAVIGATION: NavSection[] = [
  {
    title: "Analyze",
    items: [
      { href: "/", label: "Overview", icon: "overview", capability: "metrics:read" },
      { href: "/funnels", label: "Funnels", icon: "funnels", capability: "metrics:read" },
      { href: "/parity", label: "Knowledge parity", icon: "parity", capability: "metrics:read" },
      { href: "/roi", label: "ROI", icon: "roi", capability: "metrics:read" },
      { href: "/impact", label: "Impact", icon: "impact", capability: "metrics:read" },
    ],
  },
  {
    title: "Configure",
    items: [
      { href: "/config/ivr-offers", label: "IVR offers", icon: "ivr", capability: "config:read" },
      { href: "/config/sms-templates", label: "SMS templates", icon: "sms", capability: "config:read" },
      { href: "/config/escalation-rules", label: "Escalation rules", icon: "escalation", capability: "config:read" },
      { href: "/audit", label: "Audit log", icon: "audit", capability: "config:read" },
      { href: "/import", label: "Import events", icon: "import", capability: "events:import" },
    ],
  },
  {
    title: "Administer",
    items: [
      { href: "/settings", label: "Workspace settings", icon: "settings", capability: "settings:write" },
      { href: "/settings/users", label: "Users", icon: "users", capability: "settings:write" },
      { href: "/settings/api-keys", label: "API keys", icon: "keys", capability: "settings:write" },
      { href: "/settings/messaging", label: "Messaging", icon: "messaging", capability: "settings:write" },
    ],
  },
];

export function navigationFor(role: Role): NavSection[] {
  return NAVIGATION.map((section) => ({ ...section, items: section.items.filter((item) => can(role, item.capability)) })).filter(
    (section) => section.items.length > 0,
  );
}

/** Where a role lands after signing in: executives on ROI, everyone else on the overview. */
export function homeFor(role: Role): string {
  return role === "executive" ? "/roi" : "/";
}
