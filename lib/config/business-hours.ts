import type { BusinessHours } from "./escalation";
import type { ScheduleWindow } from "./ivr";

/**
 * The opening hours that the escalation condition "outside business hours" is read against.
 * DESIGN.md names the condition but no setting for the hours, so every workspace uses these,
 * in its own time zone, until a workspace setting exists (docs/adr/008).
 */
export const DEFAULT_BUSINESS_SCHEDULE: readonly ScheduleWindow[] = [
  { days: ["mon", "tue", "wed", "thu", "fri"], start: "08:00", end: "18:00" },
];

export function businessHoursFor(timeZone: string): BusinessHours {
  return { timeZone, schedule: DEFAULT_BUSINESS_SCHEDULE };
}
