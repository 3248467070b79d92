import { TZDate } from "@date-fns/tz";
import type { IvrOfferFields } from "./schemas";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local wall-clock times "HH:MM"; `end` may be "24:00" for "until midnight", and is exclusive. */
export interface ScheduleWindow {
  days: Weekday[];
  start: string;
  end: string;
}

/** "09:30" → 570. */
export function clockMinutes(clock: string): number {
  const [hours, minutes] = clock.split(":").map(Number);
  return hours * 60 + minutes;
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

const WEEKDAY_BY_JS_DAY: Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

export interface LocalWeekTime {
  day: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
}

/**
 * The weekday and wall-clock time of an instant in a time zone. Read from the zone's own clock, so
 * 09:00 is 09:00 on both sides of a daylight-saving change, a skipped hour never occurs and a
 * repeated hour occurs twice.
 */
export function localWeekTime(at: Date, timeZone: string): LocalWeekTime {
  const local = new TZDate(at.getTime(), timeZone);
  const hours = local.getHours();
  if (Number.isNaN(hours)) throw new RangeError(`Unknown time zone "${timeZone}" or invalid date`);
  return { day: WEEKDAY_BY_JS_DAY[local.getDay()], minutes: hours * 60 + local.getMinutes() };
}

export function windowContains(window: ScheduleWindow, { day, minutes }: LocalWeekTime): boolean {
  return window.days.includes(day) && clockMinutes(window.start) <= minutes && minutes < clockMinutes(window.end);
}

/** Whether `at` falls inside any window of the schedule, read in the workspace time zone. */
export function scheduleMatches(schedule: readonly ScheduleWindow[], at: Date, timeZone: string): boolean {
  const local = localWeekTime(at, timeZone);
  return schedule.some((window) => windowContains(window, local));
}

function windowsShareAMinute(a: ScheduleWindow, b: ScheduleWindow): boolean {
  const shareADay = a.days.some((day) => b.days.includes(day));
  return shareADay && Math.max(clockMinutes(a.start), clockMinutes(b.start)) < Math.min(clockMinutes(a.end), clockMinutes(b.end));
}

/** An absent or empty list is no condition at all: it matches every value. */
function isUnset(list: readonly unknown[] | undefined): boolean {
  return list === undefined || list.length === 0;
}

function listsIntersect<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): boolean {
  return isUnset(a) || isUnset(b) || a!.some((value) => b!.includes(value));
}

/**
 * Both schedules share a minute of the week, or either has none (always on). Both are read in the
 * same workspace time zone, so wall-clock windows can be compared directly.
 */
export function schedulesOverlap(a: readonly ScheduleWindow[] | undefined, b: readonly ScheduleWindow[] | undefined): boolean {
  return isUnset(a) || isUnset(b) || a!.some((windowA) => b!.some((windowB) => windowsShareAMinute(windowA, windowB)));
}

export type OfferForOverlap = Pick<IvrOfferFields, "name" | "point" | "enabled" | "dtmfKey" | "conditions"> & { id?: string };

/**
 * Whether one call could be offered both: both enabled, the same point, and call types, queues
 * and schedules that intersect. Minimum estimated wait never separates two offers, because a
 * long enough wait satisfies both minimums.
 */
export function offersCanOverlap(a: OfferForOverlap, b: OfferForOverlap): boolean {
  return (
    a.enabled &&
    b.enabled &&
    a.point === b.point &&
    listsIntersect(a.conditions.callTypes, b.conditions.callTypes) &&
    listsIntersect(a.conditions.queues, b.conditions.queues) &&
    schedulesOverlap(a.conditions.schedule, b.conditions.schedule)
  );
}

export interface DtmfKeyConflict<Offer extends OfferForOverlap> {
  first: Offer;
  second: Offer;
  dtmfKey: string;
  message: string;
}

/** Every pair of offers, in the given order, that could be offered on one call with the same key. */
export function dtmfKeyConflicts<Offer extends OfferForOverlap>(offers: readonly Offer[]): DtmfKeyConflict<Offer>[] {
  const conflicts: DtmfKeyConflict<Offer>[] = [];
  offers.forEach((first, index) => {
    for (const second of offers.slice(index + 1)) {
      if (first.dtmfKey === second.dtmfKey && offersCanOverlap(first, second)) {
        conflicts.push({ first, second, dtmfKey: first.dtmfKey, message: conflictMessage(first, second) });
      }
    }
  });
  return conflicts;
}

function conflictMessage(first: OfferForOverlap, second: OfferForOverlap): string {
  return (
    `"${first.name}" and "${second.name}" both use key ${first.dtmfKey} and can be offered on the same call. ` +
    "Give one of them another key, or narrow their call types, queues or schedules so they cannot meet."
  );
}
