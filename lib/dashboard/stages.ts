import type { Stage } from "@/lib/domain";

/** Stage names as the dashboards print them. */
export const STAGE_LABELS: Record<Stage, string> = {
  offered: "Offered",
  accepted: "Accepted",
  engaged: "Engaged",
  resolved: "Resolved",
  escalated: "Escalated",
  bounced: "Bounced",
  deflected: "Deflected",
  pending: "Pending",
};

/** What a list of journeys in a stage is called: "confirmed deflections", "bounce-backs". */
export const STAGE_NOUNS: Record<Stage, string> = {
  offered: "offered journeys",
  accepted: "accepted offers",
  engaged: "engaged journeys",
  resolved: "resolved journeys",
  escalated: "escalated journeys",
  bounced: "bounce-backs",
  deflected: "confirmed deflections",
  pending: "journeys pending confirmation",
};
