import { describe, expect, it } from "vitest";
import { detectDateOrder, parseTimestamp, zonedToInstant } from "./time";

const NY = { timeZone: "America/New_York", dateOrder: "mdy" as const };
const iso = (value: string, options: { timeZone: string; dateOrder: "mdy" | "dmy" } = NY) => {
  const parsed = parseTimestamp(value, options);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed;
};

describe("parseTimestamp", () => {
  it("keeps the offset a timestamp carries, whatever the chosen zone", () => {
    expect(iso("2026-03-01T09:15:00Z").iso).toBe("2026-03-01T09:15:00.000Z");
    expect(iso("2026-03-01T09:15:00+01:00").iso).toBe("2026-03-01T08:15:00.000Z");
    expect(iso("2026-03-01 09:15:00 +0530").iso).toBe("2026-03-01T03:45:00.000Z");
    expect(iso("2026-03-01T09:15:00.250-05:00").iso).toBe("2026-03-01T14:15:00.250Z");
    expect(iso("2026-03-01T09:15Z", { timeZone: "Asia/Tokyo", dateOrder: "dmy" }).hadOffset).toBe(true);
  });

  it("reads a timestamp without an offset in the chosen zone", () => {
    expect(iso("2026-01-15 09:00").iso).toBe("2026-01-15T14:00:00.000Z"); // EST, UTC-5
    expect(iso("2026-07-15 09:00").iso).toBe("2026-07-15T13:00:00.000Z"); // EDT, UTC-4
    expect(iso("2026-07-15 09:00", { timeZone: "Europe/Berlin", dateOrder: "mdy" }).iso).toBe("2026-07-15T07:00:00.000Z");
    expect(iso("2026-07-15 09:00", { timeZone: "UTC", dateOrder: "mdy" }).iso).toBe("2026-07-15T09:00:00.000Z");
    expect(iso("2026-07-15 09:00").hadOffset).toBe(false);
  });

  it("is right on both sides of a daylight-saving change", () => {
    // New York springs forward on 2026-03-08 at 02:00 (EST → EDT).
    expect(iso("2026-03-08 01:59:59").iso).toBe("2026-03-08T06:59:59.000Z");
    expect(iso("2026-03-08 03:00:00").iso).toBe("2026-03-08T07:00:00.000Z");
    // and falls back on 2026-11-01 at 02:00 (EDT → EST).
    expect(iso("2026-11-01 00:30").iso).toBe("2026-11-01T04:30:00.000Z");
    expect(iso("2026-11-01 02:30").iso).toBe("2026-11-01T07:30:00.000Z");
    // London (BST) and Sydney (southern hemisphere, other direction).
    expect(iso("2026-03-29 00:30", { timeZone: "Europe/London", dateOrder: "dmy" }).iso).toBe("2026-03-29T00:30:00.000Z");
    expect(iso("2026-03-29 02:30", { timeZone: "Europe/London", dateOrder: "dmy" }).iso).toBe("2026-03-29T01:30:00.000Z");
    expect(iso("2026-04-05 03:30", { timeZone: "Australia/Sydney", dateOrder: "dmy" }).iso).toBe("2026-04-04T17:30:00.000Z");
  });

  it("reads a wall-clock time skipped by spring-forward as the same instant an hour later", () => {
    const parsed = iso("2026-03-08 02:30");
    expect(parsed.iso).toBe("2026-03-08T07:30:00.000Z"); // = 03:30 EDT
    expect(parsed.adjustment).toBe("gap");
  });

  it("reads a wall-clock time repeated by fall-back as the first (earlier) one", () => {
    const parsed = iso("2026-11-01 01:30");
    expect(parsed.iso).toBe("2026-11-01T05:30:00.000Z"); // 01:30 EDT, not 01:30 EST (06:30Z)
    expect(parsed.adjustment).toBe("ambiguous");
    expect(iso("2026-11-01 01:30-05:00").iso).toBe("2026-11-01T06:30:00.000Z");
  });

  it("reads slash dates in the chosen day order, with AM/PM", () => {
    expect(iso("03/04/2026 10:00", { timeZone: "UTC", dateOrder: "mdy" }).iso).toBe("2026-03-04T10:00:00.000Z");
    expect(iso("03/04/2026 10:00", { timeZone: "UTC", dateOrder: "dmy" }).iso).toBe("2026-04-03T10:00:00.000Z");
    expect(iso("3/4/2026 1:05 PM", { timeZone: "UTC", dateOrder: "mdy" }).iso).toBe("2026-03-04T13:05:00.000Z");
    expect(iso("3/4/2026 12:05 am", { timeZone: "UTC", dateOrder: "mdy" }).iso).toBe("2026-03-04T00:05:00.000Z");
    expect(iso("04.03.26 10:00", { timeZone: "UTC", dateOrder: "dmy" }).iso).toBe("2026-03-04T10:00:00.000Z");
    expect(iso("2026/03/04 10:00:30", { timeZone: "UTC", dateOrder: "dmy" }).iso).toBe("2026-03-04T10:00:30.000Z");
  });

  it("reads Unix epoch seconds and milliseconds", () => {
    expect(iso("1772355600").iso).toBe("2026-03-01T09:00:00.000Z");
    expect(iso("1772355600123").iso).toBe("2026-03-01T09:00:00.123Z");
  });

  it("explains what it cannot read", () => {
    const bad = (value: string) => {
      const parsed = parseTimestamp(value, NY);
      return parsed.ok ? "ok" : parsed.message;
    };
    expect(bad("")).toBe("is empty");
    expect(bad("yesterday")).toMatch(/not a date and time/);
    expect(bad("2026-02-30 10:00")).toMatch(/no day 30 in 2026-02/);
    expect(bad("2026-13-01 10:00")).toMatch(/no month 13/);
    expect(bad("2026-03-01")).toMatch(/no time of day/);
    expect(bad("2026-03-01 25:00")).toMatch(/out of range/);
    expect(bad("13/4/2026 1:00 PM")).toMatch(/no month 13/);
  });
});

describe("zonedToInstant", () => {
  it("gives one instant for ordinary times, in any zone", () => {
    expect(zonedToInstant(Date.UTC(2026, 5, 1, 12), "Asia/Kolkata")).toEqual({ instant: Date.UTC(2026, 5, 1, 6, 30), adjustment: null });
  });
});

describe("detectDateOrder", () => {
  it("reads the order from values that can only be read one way", () => {
    expect(detectDateOrder(["03/04/2026 10:00", "25/04/2026 11:00"])).toBe("dmy");
    expect(detectDateOrder(["03/04/2026 10:00", "04/25/2026 11:00"])).toBe("mdy");
    expect(detectDateOrder(["03/04/2026 10:00"])).toBeNull();
    expect(detectDateOrder(["2026-03-04 10:00"])).toBeNull();
  });
});

describe("parseTimestamp, the formats contact centers export", () => {
  it("reads RFC 2822 (Twilio's dates) with its offset or zone name", () => {
    expect(iso("Wed, 02 Dec 2026 11:58:10 +0000").iso).toBe("2026-12-02T11:58:10.000Z");
    expect(iso("Wed, 2 Dec 2026 11:58:10 -0500").iso).toBe("2026-12-02T16:58:10.000Z");
    expect(iso("Wed, 02 Dec 2026 11:58:10 GMT").iso).toBe("2026-12-02T11:58:10.000Z");
    expect(iso("02 Dec 2026 11:58 +0100")).toMatchObject({ iso: "2026-12-02T10:58:00.000Z", hadOffset: true });
  });

  it("reads spreadsheet displays and serial dates as wall-clock time in the chosen zone", () => {
    expect(iso("2-Dec-2026 11:58")).toMatchObject({ iso: "2026-12-02T16:58:00.000Z", hadOffset: false });
    expect(iso("Dec 2, 2026, 11:58:10 AM").iso).toBe("2026-12-02T16:58:10.000Z");
    expect(iso("Dec 2, 2026 1:05 PM").iso).toBe("2026-12-02T18:05:00.000Z");
    // 46358 is 2026-12-02 in Excel's 1900 date system; .5 is noon.
    expect(iso("46358.5")).toMatchObject({ iso: "2026-12-02T17:00:00.000Z", hadOffset: false });
  });

  it("reads epoch seconds and milliseconds as UTC instants", () => {
    expect(iso("1796212690")).toMatchObject({ iso: "2026-12-02T11:58:10.000Z", hadOffset: true });
    expect(iso("1796212690123").iso).toBe("2026-12-02T11:58:10.123Z");
  });

  it("refuses a month-name date it cannot place, with an example", () => {
    expect(parseTimestamp("Dec 2026", NY)).toMatchObject({ ok: false, message: expect.stringContaining("Wed, 02 Dec 2026 11:58:10 +0000") });
  });
});
