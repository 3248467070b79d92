import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HOLD_AT_MOST_MS, isQuiet, quietHoursEnd, sendTiming } from "./quiet-hours";

const NIGHT = { start: "21:00", end: "08:00" };
const LUNCH = { start: "12:00", end: "13:30" };
const NY = "America/New_York";

describe("isQuiet", () => {
  it.each([
    ["2026-12-04T01:59:00Z", false], // 20:59 in New York
    ["2026-12-04T02:00:00Z", true], // 21:00
    ["2026-12-04T08:00:00Z", true], // 03:00
    ["2026-12-04T12:59:00Z", true], // 07:59
    ["2026-12-04T13:00:00Z", false], // 08:00
  ])("a night window across midnight, read in the workspace's zone: %s → %s", (at, quiet) => {
    expect(isQuiet(NIGHT, NY, new Date(at))).toBe(quiet);
  });

  it("a window within a day", () => {
    expect(isQuiet(LUNCH, "UTC", new Date("2026-12-04T11:59:00Z"))).toBe(false);
    expect(isQuiet(LUNCH, "UTC", new Date("2026-12-04T12:00:00Z"))).toBe(true);
    expect(isQuiet(LUNCH, "UTC", new Date("2026-12-04T13:30:00Z"))).toBe(false);
  });

  it("none set, or a window that starts where it ends, is never quiet", () => {
    expect(isQuiet(null, NY, new Date("2026-12-04T03:00:00Z"))).toBe(false);
    expect(isQuiet({ start: "09:00", end: "09:00" }, NY, new Date("2026-12-04T14:00:00Z"))).toBe(false);
  });
});

describe("quietHoursEnd", () => {
  it("is the next local end time: the same night's morning, before or after midnight", () => {
    expect(quietHoursEnd(NIGHT, NY, new Date("2026-12-04T03:00:00Z"))).toEqual(new Date("2026-12-04T13:00:00Z"));
    expect(quietHoursEnd(NIGHT, NY, new Date("2026-12-04T10:00:00Z"))).toEqual(new Date("2026-12-04T13:00:00Z"));
    expect(quietHoursEnd(NIGHT, NY, new Date("2026-12-04T20:00:00Z"))).toBeNull();
  });

  it("follows the clock across a daylight-saving change (New York springs forward on 2026-03-08)", () => {
    // 22:00 EST on 7 March; 08:00 on 8 March is EDT, UTC−4.
    expect(quietHoursEnd(NIGHT, NY, new Date("2026-03-08T03:00:00Z"))).toEqual(new Date("2026-03-08T12:00:00Z"));
  });

  it("is always after `at`, within a day, and outside quiet hours", () => {
    const clock = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
    fc.assert(
      fc.property(clock, clock, fc.date({ min: new Date("2020-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }), fc.constantFrom("UTC", NY, "Europe/London", "Asia/Kolkata", "Australia/Lord_Howe"), (start, end, at, zone) => {
        fc.pre(start !== end);
        const hours = { start, end };
        const until = quietHoursEnd(hours, zone, at);
        if (!isQuiet(hours, zone, at)) {
          expect(until).toBeNull();
          return;
        }
        expect(until!.getTime()).toBeGreaterThan(at.getTime());
        expect(until!.getTime() - at.getTime()).toBeLessThanOrEqual(25 * 3600_000);
        expect(isQuiet(hours, zone, until!)).toBe(false);
      }),
    );
  });
});

describe("sendTiming", () => {
  const night = new Date("2026-12-04T04:00:00Z"); // 23:00 in New York

  it("sends a message the caller asked for at once, whatever the hour", () => {
    expect(sendTiming({ requested: true, quietHours: NIGHT, timeZone: NY, now: night })).toEqual({ send: "now" });
  });

  it("holds an unrequested one until quiet hours end, and sends it outside them", () => {
    expect(sendTiming({ requested: false, quietHours: NIGHT, timeZone: NY, now: night })).toEqual({ send: "hold", until: new Date("2026-12-04T13:00:00Z") });
    expect(sendTiming({ requested: false, quietHours: NIGHT, timeZone: NY, now: new Date("2026-12-04T15:00:00Z") })).toEqual({ send: "now" });
  });

  it("drops one held 12 hours, and never holds one past that", () => {
    const heldSince = new Date(night.getTime() - HOLD_AT_MOST_MS);
    expect(sendTiming({ requested: false, quietHours: NIGHT, timeZone: NY, now: night, heldSince })).toEqual({ send: "drop" });
    const long = { start: "18:00", end: "09:00" };
    const early = new Date("2026-12-03T23:30:00Z"); // 18:30, quiet until 09:00 (14.5 hours)
    expect(sendTiming({ requested: false, quietHours: long, timeZone: NY, now: early })).toEqual({ send: "hold", until: new Date(early.getTime() + HOLD_AT_MOST_MS) });
  });
});
