import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  clockMinutes,
  dtmfKeyConflicts,
  localWeekTime,
  offersCanOverlap,
  type OfferForOverlap,
  scheduleMatches,
  type ScheduleWindow,
  schedulesOverlap,
  WEEKDAYS,
  windowContains,
} from "./ivr";

const utc = (iso: string) => new Date(iso);
const NEW_YORK = "America/New_York";
const LONDON = "Europe/London";
const weekdays9to5: ScheduleWindow[] = [{ days: ["mon", "tue", "wed", "thu", "fri"], start: "09:00", end: "17:00" }];
const sunday = (start: string, end: string): ScheduleWindow[] => [{ days: ["sun"], start, end }];

/** How many minutes of a UTC range fall inside the schedule. */
function minutesMatched(schedule: ScheduleWindow[], timeZone: string, fromIso: string, hours: number): number {
  let count = 0;
  const from = Date.parse(fromIso);
  for (let minute = 0; minute < hours * 60; minute++) if (scheduleMatches(schedule, new Date(from + minute * 60_000), timeZone)) count++;
  return count;
}

describe("scheduleMatches", () => {
  it("includes the start minute and excludes the end minute", () => {
    expect(scheduleMatches(weekdays9to5, utc("2026-06-10T09:00:00Z"), "UTC")).toBe(true);
    expect(scheduleMatches(weekdays9to5, utc("2026-06-10T16:59:59Z"), "UTC")).toBe(true);
    expect(scheduleMatches(weekdays9to5, utc("2026-06-10T17:00:00Z"), "UTC")).toBe(false);
    expect(scheduleMatches(weekdays9to5, utc("2026-06-10T08:59:59Z"), "UTC")).toBe(false);
  });

  it("only matches the listed days", () => {
    expect(scheduleMatches(weekdays9to5, utc("2026-06-13T12:00:00Z"), "UTC")).toBe(false); // a Saturday
  });

  it("matches any of several windows and never an empty schedule", () => {
    const split = [...sunday("08:00", "10:00"), { days: ["sat" as const], start: "20:00", end: "22:00" }];
    expect(scheduleMatches(split, utc("2026-06-13T21:00:00Z"), "UTC")).toBe(true);
    expect(scheduleMatches(split, utc("2026-06-14T09:00:00Z"), "UTC")).toBe(true);
    expect(scheduleMatches(split, utc("2026-06-14T12:00:00Z"), "UTC")).toBe(false);
    expect(scheduleMatches([], utc("2026-06-14T09:00:00Z"), "UTC")).toBe(false);
  });

  it("lets 24:00 include the last minute of the day", () => {
    expect(scheduleMatches(sunday("22:00", "24:00"), utc("2026-06-14T23:59:00Z"), "UTC")).toBe(true);
    expect(scheduleMatches(sunday("22:00", "24:00"), utc("2026-06-15T00:00:00Z"), "UTC")).toBe(false);
  });

  it("takes the weekday from the workspace time zone, not from UTC", () => {
    // Monday 03:00 UTC is still Sunday 23:00 in New York.
    const at = utc("2026-03-09T03:00:00Z");
    expect(localWeekTime(at, NEW_YORK)).toEqual({ day: "sun", minutes: 23 * 60 });
    expect(scheduleMatches(sunday("22:00", "24:00"), at, NEW_YORK)).toBe(true);
    expect(scheduleMatches([{ days: ["mon"], start: "00:00", end: "24:00" }], at, NEW_YORK)).toBe(false);
  });

  it("refuses an unknown time zone instead of guessing", () => {
    expect(() => scheduleMatches(weekdays9to5, utc("2026-06-10T12:00:00Z"), "Mars/Olympus")).toThrow(RangeError);
  });

  describe("America/New_York, clocks go forward on 2026-03-08", () => {
    it("opens at 09:00 wall-clock on both sides of the change", () => {
      const saturday = [{ days: ["sat" as const], start: "09:00", end: "17:00" }];
      expect(scheduleMatches(saturday, utc("2026-03-07T14:00:00Z"), NEW_YORK)).toBe(true); // 09:00 EST
      expect(scheduleMatches(saturday, utc("2026-03-07T13:59:00Z"), NEW_YORK)).toBe(false);
      expect(scheduleMatches(sunday("09:00", "17:00"), utc("2026-03-08T13:00:00Z"), NEW_YORK)).toBe(true); // 09:00 EDT
      expect(scheduleMatches(sunday("09:00", "17:00"), utc("2026-03-08T12:59:00Z"), NEW_YORK)).toBe(false);
      expect(scheduleMatches(sunday("09:00", "17:00"), utc("2026-03-08T20:59:00Z"), NEW_YORK)).toBe(true);
      expect(scheduleMatches(sunday("09:00", "17:00"), utc("2026-03-08T21:00:00Z"), NEW_YORK)).toBe(false);
    });

    it("never matches the skipped hour 02:00–03:00", () => {
      expect(minutesMatched(sunday("02:00", "03:00"), NEW_YORK, "2026-03-08T04:00:00Z", 8)).toBe(0);
    });

    it("gives the Sunday 23 real hours", () => {
      expect(minutesMatched(sunday("00:00", "24:00"), NEW_YORK, "2026-03-08T00:00:00Z", 36)).toBe(23 * 60);
    });
  });

  describe("America/New_York, clocks go back on 2026-11-01", () => {
    it("matches the repeated hour 01:00–02:00 twice", () => {
      expect(scheduleMatches(sunday("01:00", "02:00"), utc("2026-11-01T05:30:00Z"), NEW_YORK)).toBe(true); // 01:30 EDT
      expect(scheduleMatches(sunday("01:00", "02:00"), utc("2026-11-01T06:30:00Z"), NEW_YORK)).toBe(true); // 01:30 EST
      expect(scheduleMatches(sunday("01:00", "02:00"), utc("2026-11-01T07:00:00Z"), NEW_YORK)).toBe(false); // 02:00 EST
      expect(minutesMatched(sunday("01:00", "02:00"), NEW_YORK, "2026-11-01T03:00:00Z", 6)).toBe(120);
    });

    it("opens at 09:00 EST, an hour later in UTC than the day before", () => {
      const saturday = [{ days: ["sat" as const], start: "09:00", end: "17:00" }];
      expect(scheduleMatches(saturday, utc("2026-10-31T13:00:00Z"), NEW_YORK)).toBe(true); // 09:00 EDT
      expect(scheduleMatches(sunday("09:00", "17:00"), utc("2026-11-01T13:30:00Z"), NEW_YORK)).toBe(false); // 08:30 EST
      expect(scheduleMatches(sunday("09:00", "17:00"), utc("2026-11-01T14:00:00Z"), NEW_YORK)).toBe(true);
      expect(scheduleMatches(sunday("09:00", "17:00"), utc("2026-11-01T21:59:00Z"), NEW_YORK)).toBe(true);
      expect(scheduleMatches(sunday("09:00", "17:00"), utc("2026-11-01T22:00:00Z"), NEW_YORK)).toBe(false);
    });
  });

  describe("Europe/London", () => {
    it("follows GMT before and BST after 2026-03-29", () => {
      expect(scheduleMatches(weekdays9to5, utc("2026-03-27T09:00:00Z"), LONDON)).toBe(true); // Friday 09:00 GMT
      expect(scheduleMatches(weekdays9to5, utc("2026-03-27T08:30:00Z"), LONDON)).toBe(false);
      expect(scheduleMatches(weekdays9to5, utc("2026-03-30T08:00:00Z"), LONDON)).toBe(true); // Monday 09:00 BST
      expect(scheduleMatches(weekdays9to5, utc("2026-03-30T07:59:00Z"), LONDON)).toBe(false);
      expect(scheduleMatches(weekdays9to5, utc("2026-03-30T15:59:00Z"), LONDON)).toBe(true);
      expect(scheduleMatches(weekdays9to5, utc("2026-03-30T16:00:00Z"), LONDON)).toBe(false); // 17:00 BST
    });

    it("is back on GMT after 2026-10-25", () => {
      expect(scheduleMatches(weekdays9to5, utc("2026-10-23T08:00:00Z"), LONDON)).toBe(true); // Friday 09:00 BST
      expect(scheduleMatches(weekdays9to5, utc("2026-10-26T08:00:00Z"), LONDON)).toBe(false); // Monday 08:00 GMT
      expect(scheduleMatches(weekdays9to5, utc("2026-10-26T09:00:00Z"), LONDON)).toBe(true);
    });
  });
});

const offer = (overrides: Partial<OfferForOverlap> = {}): OfferForOverlap => ({
  name: "Chat instead of waiting",
  point: "ivr_offer",
  enabled: true,
  dtmfKey: "2",
  conditions: {},
  ...overrides,
});

describe("offersCanOverlap", () => {
  it("overlaps when neither offer has conditions at the same point", () => {
    expect(offersCanOverlap(offer(), offer({ name: "B" }))).toBe(true);
  });

  it("never overlaps across points or with a disabled offer", () => {
    expect(offersCanOverlap(offer(), offer({ point: "in_queue" }))).toBe(false);
    expect(offersCanOverlap(offer(), offer({ enabled: false }))).toBe(false);
    expect(offersCanOverlap(offer({ enabled: false }), offer())).toBe(false);
  });

  it("separates offers whose call types are disjoint, and treats an absent list as every call type", () => {
    const cards = offer({ conditions: { callTypes: ["card_arrival", "lost_card"] } });
    expect(offersCanOverlap(cards, offer({ conditions: { callTypes: ["refund"] } }))).toBe(false);
    expect(offersCanOverlap(cards, offer({ conditions: { callTypes: ["refund", "lost_card"] } }))).toBe(true);
    expect(offersCanOverlap(cards, offer())).toBe(true);
    expect(offersCanOverlap(cards, offer({ conditions: { callTypes: [] } }))).toBe(true);
  });

  it("separates offers whose queues are disjoint", () => {
    const billing = offer({ conditions: { queues: ["billing"] } });
    expect(offersCanOverlap(billing, offer({ conditions: { queues: ["sales"] } }))).toBe(false);
    expect(offersCanOverlap(billing, offer({ conditions: { queues: ["sales", "billing"] } }))).toBe(true);
    expect(offersCanOverlap(billing, offer())).toBe(true);
  });

  it("needs both call types and queues to intersect", () => {
    const a = offer({ conditions: { callTypes: ["refund"], queues: ["billing"] } });
    expect(offersCanOverlap(a, offer({ conditions: { callTypes: ["refund"], queues: ["sales"] } }))).toBe(false);
  });

  it("separates schedules that share no minute of the week: end is exclusive", () => {
    const morning = offer({ conditions: { schedule: [{ days: ["mon"], start: "09:00", end: "12:00" }] } });
    expect(offersCanOverlap(morning, offer({ conditions: { schedule: [{ days: ["mon"], start: "12:00", end: "17:00" }] } }))).toBe(false);
    expect(offersCanOverlap(morning, offer({ conditions: { schedule: [{ days: ["mon"], start: "11:59", end: "17:00" }] } }))).toBe(true);
    expect(offersCanOverlap(morning, offer({ conditions: { schedule: [{ days: ["tue"], start: "09:00", end: "12:00" }] } }))).toBe(false);
    expect(offersCanOverlap(morning, offer())).toBe(true);
  });

  it("never lets the minimum estimated wait separate two offers", () => {
    const short = offer({ conditions: { minEstimatedWaitSeconds: 60 } });
    const long = offer({ conditions: { minEstimatedWaitSeconds: 3_600 } });
    expect(offersCanOverlap(short, long)).toBe(true);
  });

  it("is symmetric", () => {
    const slug = fc.constantFrom("a", "b", "c");
    const list = fc.option(fc.uniqueArray(slug, { minLength: 1, maxLength: 3 }), { nil: undefined });
    const anOffer = fc.record({
      name: fc.constant("x"),
      point: fc.constantFrom("ivr_offer" as const, "in_queue" as const),
      enabled: fc.boolean(),
      dtmfKey: fc.constant("1" as const),
      conditions: fc.record({ callTypes: list, queues: list }, { requiredKeys: [] }),
    });
    fc.assert(
      fc.property(anOffer, anOffer, (a, b) => {
        expect(offersCanOverlap(a, b)).toBe(offersCanOverlap(b, a));
      }),
    );
  });
});

describe("schedulesOverlap", () => {
  const clock = fc.integer({ min: 0, max: 24 * 4 }).map((quarter) => {
    const minutes = quarter * 15;
    return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  });
  const window = fc
    .record({ days: fc.uniqueArray(fc.constantFrom(...WEEKDAYS), { minLength: 1, maxLength: 3 }), a: clock, b: clock })
    .filter(({ a, b }) => a !== b)
    .map(({ days, a, b }): ScheduleWindow => (clockMinutes(a) < clockMinutes(b) ? { days, start: a, end: b } : { days, start: b, end: a }));
  const schedule = fc.array(window, { minLength: 1, maxLength: 3 });

  it("says yes exactly when some minute of the week is in both schedules", () => {
    fc.assert(
      fc.property(schedule, schedule, (a, b) => {
        const sharedMinute = WEEKDAYS.some((day) =>
          Array.from({ length: 24 * 60 }, (_, minutes) => ({ day, minutes })).some(
            (time) => a.some((w) => windowContains(w, time)) && b.some((w) => windowContains(w, time)),
          ),
        );
        expect(schedulesOverlap(a, b)).toBe(sharedMinute);
      }),
      { numRuns: 150 },
    );
  });
});

describe("dtmfKeyConflicts", () => {
  it("reports two offers that can meet on one call with the same key, with a readable message", () => {
    const a = offer({ name: "Card help" });
    const b = offer({ name: "Billing nudge" });
    const conflicts = dtmfKeyConflicts([a, b]);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ first: a, second: b, dtmfKey: "2" });
    expect(conflicts[0].message).toBe(
      '"Card help" and "Billing nudge" both use key 2 and can be offered on the same call. ' +
        "Give one of them another key, or narrow their call types, queues or schedules so they cannot meet.",
    );
  });

  it("allows the same key when the offers cannot meet, and different keys when they can", () => {
    expect(dtmfKeyConflicts([offer(), offer({ point: "post_call" })])).toEqual([]);
    expect(dtmfKeyConflicts([offer(), offer({ enabled: false })])).toEqual([]);
    expect(dtmfKeyConflicts([offer({ dtmfKey: "1" }), offer({ dtmfKey: "2" })])).toEqual([]);
    expect(dtmfKeyConflicts([offer({ conditions: { queues: ["a"] } }), offer({ conditions: { queues: ["b"] } })])).toEqual([]);
  });

  it("lists every conflicting pair once, in the order given", () => {
    const [a, b, c, d] = ["A", "B", "C", "D"].map((name) => offer({ name, dtmfKey: name === "D" ? "#" : "*" }));
    const pairs = dtmfKeyConflicts([a, b, c, d]).map(({ first, second }) => `${first.name}${second.name}`);
    expect(pairs).toEqual(["AB", "AC", "BC"]);
  });
});
