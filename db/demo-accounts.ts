import type { Role } from "@/lib/domain";

/** The demo workspace's accounts, one per role, listed on the sign-in page in demo mode. */
export const DEMO_PASSWORD = "switchboard";
export const DEMO_WORKSPACE_NAME = "Harbor Bank Customer Care";

export const DEMO_ACCOUNTS: { email: string; name: string; role: Role }[] = [
  { email: "manager@switchboard.demo", name: "Maya Chen", role: "manager" },
  { email: "supervisor@switchboard.demo", name: "Sam Okafor", role: "supervisor" },
  { email: "executive@switchboard.demo", name: "Elena Rossi", role: "executive" },
  { email: "admin@switchboard.demo", name: "Arjun Patel", role: "admin" },
];
