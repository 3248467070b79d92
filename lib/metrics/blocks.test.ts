import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { blocksOfDays, daysOf, periodBlocks } from "@/lib/metrics/blocks";
import { nextDay } from "@/lib/metrics/params";

const daysBetween = (from: string, to: string) => {
  const days: string[] = [];
  for (let day = from; day <= to; day = nextDay(day)) days.push(day);
  return days;
};

const dayArb = fc
  .date({ min: new Date("2023-11-01T00:00:00Z"), max: new Date("2026-03-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe("periodBlocks", () => {
  test("whole months inside the period, then whole weeks, then days", () => {
    // 2026-08-03 is a Monday.
    expect(periodBlocks("2026-08-03", "2026-10-31")).toEqual({
      days: ["2026-08-31"],
      weeks: ["2026-08-03", "2026-08-10", "2026-08-17", "2026-08-24"],
      months: ["2026-09-01", "2026-10-01"],
    });
    expect(periodBlocks("2026-02-01", "2026-02-28")).toEqual({ days: [], weeks: [], months: ["2026-02-01"] });
    // February 2024 has 29 days; its Mondays are the 5th, 12th, 19th and 26th.
    expect(periodBlocks("2024-02-01", "2024-02-28")).toEqual({
      days: ["2024-02-01", "2024-02-02", "2024-02-03", "2024-02-04", "2024-02-26", "2024-02-27", "2024-02-28"],
      weeks: ["2024-02-05", "2024-02-12", "2024-02-19"],
      months: [],
    });
    expect(periodBlocks("2026-03-15", "2026-03-15")).toEqual({ days: ["2026-03-15"], weeks: [], months: [] });
    // A week across the end of a whole month is not taken: the month is.
    expect(periodBlocks("2025-12-29", "2026-02-01")).toEqual({
      days: ["2025-12-29", "2025-12-30", "2025-12-31", "2026-02-01"],
      weeks: [],
      months: ["2026-01-01"],
    });
  });

  test("cover every day of the period exactly once", () => {
    fc.assert(
      fc.property(dayArb, dayArb, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const { days, weeks, months } = periodBlocks(from, to);
        const covered = [...days, ...weeks.flatMap((week) => daysOf("week", week)), ...months.flatMap((month) => daysOf("month", month))];
        expect(covered.sort()).toEqual(daysBetween(from, to));
      }),
    );
  });
});

describe("blocksOfDays and daysOf", () => {
  test("name each week (from Monday) and month once", () => {
    expect(blocksOfDays(["2026-03-31", "2026-03-01", "2026-04-02"])).toEqual({
      weeks: ["2026-02-23", "2026-03-30"],
      months: ["2026-03-01", "2026-04-01"],
    });
    expect(blocksOfDays([])).toEqual({ weeks: [], months: [] });
  });

  test("list the days of a week or month, leap years included", () => {
    expect(daysOf("month", "2024-02-01")).toHaveLength(29);
    expect(daysOf("month", "2026-02-01").at(-1)).toBe("2026-02-28");
    expect(daysOf("month", "2026-12-01")).toEqual(daysBetween("2026-12-01", "2026-12-31"));
    expect(daysOf("week", "2026-12-28")).toEqual(daysBetween("2026-12-28", "2027-01-03"));
  });
});
