/**
 * Change annotations (issue 14): the publishes and roll-backs of configuration that the trend
 * charts mark on their day, and the words and links of each marker.
 */
import { queryOptions } from "@tanstack/react-query";
import type { TimeseriesInterval } from "@/lib/metrics/types";
import { getJson } from "./api";
import { formatDay } from "./format";

export interface ConfigChange {
  /** The audit entry's id. */
  id: number;
  at: string;
  /** The local day of `at` in the workspace time zone. */
  day: string;
  action: "publish" | "rollback";
  kind: "ivr_offer" | "sms_template" | "escalation_rule";
  itemId: string | null;
  name: string | null;
  /** The version made live. */
  version: number | null;
  /** An IVR offer's point. */
  point: string | null;
  /** Who made it; null for those who may not read the audit log. */
  actor: string | null;
}

const KIND_LABELS: Record<ConfigChange["kind"], string> = { ivr_offer: "IVR offer", sms_template: "SMS template", escalation_rule: "Escalation rule" };

export const changesOptions = (period: { from: string; to: string }) =>
  queryOptions({
    queryKey: ["dashboard", "changes", { from: period.from, to: period.to }] as const,
    queryFn: async ({ signal }) => (await getJson<{ items: ConfigChange[] }>("/api/v1/metrics/changes", period, signal)).items,
    staleTime: 60_000,
  });

/** "Published IVR offer “Long wait” v3", "Rolled back SMS template “Chat link” to v2". */
export function changeText(change: ConfigChange): string {
  const what = `${KIND_LABELS[change.kind]} “${change.name ?? change.itemId ?? "?"}”`;
  const version = change.version === null ? "" : change.action === "rollback" ? ` to v${change.version}` : ` v${change.version}`;
  return `${change.action === "rollback" ? "Rolled back" : "Published"} ${what}${version}`;
}

/** The marker's tooltip: what, who (when known), when. */
export function changeTooltip(change: ConfigChange): string {
  return [changeText(change), change.actor ? `by ${change.actor}` : null, formatDay(change.day)].filter(Boolean).join(" · ");
}

/** The audit log narrowed to the change's kind and day, scrolled to its entry. */
export function auditHref(change: ConfigChange): string {
  return `/audit?${new URLSearchParams({ entity: change.kind, from: change.day, to: change.day })}#audit-${change.id}`;
}

/** The bucket of a trend chart a change falls in: its day, or the Monday or first day of its week or month. */
export function changeBucket(day: string, interval: TimeseriesInterval): string {
  if (interval === "day") return day;
  if (interval === "month") return `${day.slice(0, 7)}-01`;
  const date = new Date(`${day}T00:00:00Z`);
  return new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
}

/** One marker per bucket with changes: its changes, described together. */
export function markersOf(changes: readonly ConfigChange[], interval: TimeseriesInterval): { bucket: string; changes: ConfigChange[]; title: string }[] {
  const byBucket = new Map<string, ConfigChange[]>();
  for (const change of changes) {
    const bucket = changeBucket(change.day, interval);
    byBucket.set(bucket, [...(byBucket.get(bucket) ?? []), change]);
  }
  return [...byBucket].map(([bucket, list]) => ({ bucket, changes: list, title: list.map(changeTooltip).join("\n") }));
}
