import { TZDate } from "@date-fns/tz";
import { clockMinutes, localWeekTime } from "@/lib/config/ivr";

/*
 * Quiet hours (DESIGN.md "Telephony and messaging", docs/adr/025): a message the customer did not
 * ask for during a call (points sms_link and post_call) is not sent inside them; it is held and
 * sent when they end, or dropped once it has waited 12 hours. A message asked for with a key press
 * goes at once, whatever the hour.
 */

/** `{ start: "21:00", end: "08:00" }`: wall-clock times in the workspace time zone; `end` is exclusive and may be the next day. */
export interface QuietHours {
  start: string;
  end: string;
}

/** A held message older than this is dropped, never sent. */
export const HOLD_AT_MOST_MS = 12 * 60 * 60 * 1000;

/** The points whose messages are sent without the customer asking during a call. */
export const UNREQUESTED_POINTS = ["sms_link", "post_call"] as const;

/** Whether `at` falls inside quiet hours, read on the zone's own clock. */
export function isQuiet(quietHours: QuietHours | null, timeZone: string, at: Date): boolean {
  if (!quietHours) return false;
  const start = clockMinutes(quietHours.start);
  const end = clockMinutes(quietHours.end);
  if (start === end) return false;
  const { minutes } = localWeekTime(at, timeZone);
  return start < end ? start <= minutes && minutes < end : minutes >= start || minutes < end;
}

/**
 * When the quiet hours around `at` end: the first instant at or after `at` whose local time is
 * `end`; null when `at` is not quiet. On a day when `end` does not exist on the clock (a skipped
 * hour), it is the first instant after the skip.
 */
export function quietHoursEnd(quietHours: QuietHours | null, timeZone: string, at: Date): Date | null {
  if (!quietHours || !isQuiet(quietHours, timeZone, at)) return null;
  const local = new TZDate(at.getTime(), timeZone);
  const end = clockMinutes(quietHours.end);
  for (let days = 0; days <= 2; days++) {
    const candidate = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + days, Math.floor(end / 60), end % 60, timeZone);
    if (candidate.getTime() > at.getTime()) return new Date(candidate.getTime());
  }
  return null;
}

export type SendTiming = { send: "now" } | { send: "hold"; until: Date } | { send: "drop" };

/**
 * What to do with a message at `now`: a requested one goes now; an unrequested one goes now outside
 * quiet hours, is held until they end, or is dropped when it was first held 12 hours ago or more
 * (or would be by the time they end).
 */
export function sendTiming(options: { requested: boolean; quietHours: QuietHours | null; timeZone: string; now: Date; heldSince?: Date }): SendTiming {
  const { requested, quietHours, timeZone, now } = options;
  if (requested) return { send: "now" };
  const heldSince = options.heldSince ?? now;
  if (now.getTime() - heldSince.getTime() >= HOLD_AT_MOST_MS) return { send: "drop" };
  const until = quietHoursEnd(quietHours, timeZone, now);
  if (!until) return { send: "now" };
  return { send: "hold", until: new Date(Math.min(until.getTime(), heldSince.getTime() + HOLD_AT_MOST_MS)) };
}
