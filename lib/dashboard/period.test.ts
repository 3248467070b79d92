import { describe, expect, it } from "vitest";
import {
  addMonths,
  autoInterval,
  daysIn,
  defaultPeriod,
  isDay,
  monthPresets,
  periodPresets,
  previousPeriod,
  resolveMonths,
  resolvePeriod,
  todayIn,
} from "./period";

describe("periods", () => {
  it("defaults to the last 28 days ending yesterday", () => {
    expect(defaultPeriod("2026-11-24")).toEqual({ from: "2026-10-27", to: "2026-11-23" });
  });

  it("compares with the period of equal length just before, across month and year ends", () => {
    expect(previousPeriod({ from: "2026-10-27", to: "2026-11-23" })).toEqual({ from: "2026-09-29", to: "2026-10-26" });
    expect(previousPeriod({ from: "2026-01-01", to: "2026-01-31" })).toEqual({ from: "2025-12-01", to: "2025-12-31" });
    expect(daysIn(previousPeriod({ from: "2024-03-01", to: "2024-03-31" }))).toBe(31);
  });

  it("knows today in the workspace time zone, not the server's", () => {
    const instant = new Date("2026-11-25T03:30:00Z");
    expect(todayIn("America/New_York", instant)).toBe("2026-11-24");
    expect(todayIn("Asia/Tokyo", instant)).toBe("2026-11-25");
  });

  it("makes any link safe: invalid days fall back, reversed ranges are ordered, long ones cut", () => {
    const today = "2026-11-24";
    expect(resolvePeriod("2026-02-30", "nope", today)).toEqual(defaultPeriod(today));
    expect(resolvePeriod("2026-11-10", "2026-11-01", today)).toEqual({ from: "2026-11-01", to: "2026-11-10" });
    expect(daysIn(resolvePeriod("2000-01-01", "2026-11-01", today))).toBe(1100);
    expect(resolvePeriod("2026-11-20", null, today)).toEqual({ from: "2026-11-20", to: "2026-11-24" });
    expect(isDay("2024-02-29")).toBe(true);
    expect(isDay("2023-02-29")).toBe(false);
  });

  it("offers presets that end yesterday, and month presets", () => {
    const presets = periodPresets("2026-03-01");
    expect(presets.find((p) => p.id === "7d")!.range).toEqual({ from: "2026-02-22", to: "2026-02-28" });
    expect(presets.find((p) => p.id === "last-month")!.range).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(monthPresets("2026-11-24")[0].range).toEqual({ from: "2026-06", to: "2026-11" });
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2026-12", 1)).toBe("2027-01");
  });

  it("resolves month ranges for ROI", () => {
    expect(resolveMonths(null, null, "2026-11-24")).toEqual({ from: "2026-06", to: "2026-11" });
    expect(resolveMonths("2026-09", "2026-03", "2026-11-24")).toEqual({ from: "2026-03", to: "2026-09" });
    expect(resolveMonths("2020-01", "2026-11", "2026-11-24")).toEqual({ from: "2023-12", to: "2026-11" });
  });

  it("picks day, week or month buckets by the length of the period", () => {
    expect(autoInterval({ from: "2026-10-27", to: "2026-11-23" })).toBe("day");
    expect(autoInterval({ from: "2026-06-01", to: "2026-11-23" })).toBe("week");
    expect(autoInterval({ from: "2025-01-01", to: "2026-11-23" })).toBe("month");
  });
});
