import { describe, expect, it } from "vitest";
import type { ImportMapping } from "./columns";
import { attributeValue, createRowMapper, parseDuration, personalDataProblem, toSlug } from "./mapping";

const NOW = Date.parse("2026-06-01T12:00:00Z");
const CALL_HEADERS = ["Call start", "Caller hash", "Call type", "Queue", "Wait", "Handle time", "Outcome", "Agent"];
const callLog: ImportMapping = {
  kind: "call_log",
  columns: ["occurredAt", "customer", "callType", "queue", "waitSeconds", "handleSeconds", "outcome", "ignore"],
  timeZone: "America/New_York",
  dateOrder: "mdy",
};

const EVENT_HEADERS = ["id", "type", "occurredAt", "customer", "journey", "point", "channel", "callType", "attributes", "utterance"];
const eventFile: ImportMapping = {
  kind: "event_file",
  columns: ["id", "type", "occurredAt", "customer", "journey", "point", "channel", "callType", "attributes", "attribute"],
  timeZone: "UTC",
  dateOrder: "mdy",
};

describe("a call log row", () => {
  const mapper = createRowMapper(CALL_HEADERS, callLog, NOW);

  it("becomes call.received with its queue, wait and handle time as attributes", () => {
    const result = mapper.map(["2026-03-02 09:14:05", "c_8f3a1e", "Card arrival", "cards", "42", "00:05:10", "Answered", "Dana"], 2);
    expect(result).toEqual({
      status: "valid",
      adjustment: null,
      zoneless: true,
      events: [
        {
          id: expect.stringMatching(/^csv-[0-9a-f]{32}$/),
          type: "call.received",
          occurredAt: "2026-03-02T14:14:05.000Z",
          customer: "c_8f3a1e",
          channel: "voice",
          callType: "card_arrival",
          attributes: { queue: "cards", waitSeconds: 42, handleSeconds: 310 },
        },
      ],
    });
  });

  it("becomes call.abandoned when the outcome says so, and needs no call type then", () => {
    const result = mapper.map(["2026-03-02 09:16:40", "c_77b0d2", "", "cards", "185", "", "abandoned", ""], 3);
    expect(result.status === "valid" && result.events[0]).toMatchObject({ type: "call.abandoned", attributes: { queue: "cards", waitSeconds: 185 } });
    expect(result.status === "valid" && result.events[0].callType).toBeUndefined();
  });

  it("maps the same row to the same id and a different row to a different id", () => {
    const row = ["2026-03-02 09:14:05", "c_8f3a1e", "card_arrival", "cards", "42", "310", "answered", "Dana"];
    const id = (cells: string[]) => {
      const result = mapper.map(cells, 2);
      if (result.status !== "valid") throw new Error("invalid");
      return result.events[0].id;
    };
    expect(id(row)).toBe(id([...row]));
    expect(id(row)).toBe(createRowMapper(CALL_HEADERS, callLog, NOW + 86_400_000).map(row, 9).status === "valid" ? id(row) : "");
    // The ignored agent column does not count; every mapped field does.
    expect(id(row)).toBe(id(row.with(7, "Sam")));
    for (const [index, value] of [[0, "2026-03-02 09:14:06"], [1, "c_other"], [2, "card_delivery"], [3, "loans"], [4, "43"], [5, "311"], [6, "abandoned"]] as const) {
      expect(id(row.with(index, value))).not.toBe(id(row));
    }
  });

  it("does not depend on the time zone for a timestamp with an offset, and does otherwise", () => {
    const inZone = (timeZone: string, time: string) => {
      const result = createRowMapper(CALL_HEADERS, { ...callLog, timeZone }, NOW).map([time, "c1", "x", "", "", "", "", ""], 2);
      return result.status === "valid" ? result.events[0] : null;
    };
    expect(inZone("Europe/Paris", "2026-03-02T09:14:05Z")).toEqual(inZone("Asia/Tokyo", "2026-03-02T09:14:05Z"));
    expect(inZone("Europe/Paris", "2026-03-02 09:14:05")?.occurredAt).toBe("2026-03-02T08:14:05.000Z");
    expect(inZone("Europe/Paris", "2026-03-02 09:14:05")?.id).not.toBe(inZone("Asia/Tokyo", "2026-03-02 09:14:05")?.id);
  });

  it("reports a DST choice on the row", () => {
    const result = mapper.map(["2025-11-02 01:30", "c1", "x", "", "", "", "", ""], 2);
    expect(result).toMatchObject({ status: "valid", adjustment: "ambiguous", events: [{ occurredAt: "2025-11-02T05:30:00.000Z" }] });
  });

  it("lists every problem of a bad row with its column and field", () => {
    const result = mapper.map(["2026-02-30 10:00", "+1 415 555 0100", "", "cards", "soon", "", "voicemail", ""], 7);
    expect(result.status).toBe("invalid");
    const errors = result.status === "invalid" ? result.errors : [];
    expect(errors.map(({ row, column, field }) => ({ row, column, field }))).toEqual([
      { row: 7, column: "Caller hash", field: "customer" },
      { row: 7, column: "Call start", field: "occurredAt" },
      { row: 7, column: "Outcome", field: "type" },
      { row: 7, column: "Wait", field: "attributes.waitSeconds" },
    ]);
    expect(errors[0].message).toMatch(/looks like a phone number.*use it as the customer phone/);
    expect(errors[2].value).toBe("voicemail");
  });

  it("applies the API's own rules: call.received needs a call type, no more than an hour ahead", () => {
    const missing = mapper.map(["2026-03-02 09:14:05", "c1", "", "", "", "", "answered", ""], 4);
    expect(missing).toEqual({ status: "invalid", errors: [{ row: 4, column: "Call type", field: "callType", message: "is required for call.received" }] });
    const future = mapper.map(["2026-06-01 10:00", "c1", "x", "", "", "", "", ""], 5); // 14:00Z, 2 h after NOW
    expect(future.status === "invalid" && future.errors[0]).toMatchObject({ column: "Call start", field: "occurredAt", message: expect.stringMatching(/^must not be more than 1 hour in the future: the file gives no time zone and was read as America\/New_York time/) });
    const offset = mapper.map(["2026-06-01T14:00:00Z", "c1", "x", "", "", "", "", ""], 5);
    expect(offset.status === "invalid" && offset.errors[0].message).toBe("must not be more than 1 hour in the future");
  });

  it("refuses a row whose number of values does not match the header, and skips blank rows", () => {
    expect(mapper.map(["2026-03-02 09:14:05", "c1"], 3)).toMatchObject({ status: "invalid", errors: [{ message: "has 2 values but the header has 8 columns" }] });
    expect(mapper.map(["", "", "", "", "", "", "", ""], 3)).toEqual({ status: "blank" });
    expect(mapper.map([""], 3)).toEqual({ status: "empty" });
    expect(mapper.map(["2026-03-02 09:14:05", "c1", "x", "", "", "", "", "", ""], 3).status).toBe("valid");
  });

  it("names the required column when none is mapped", () => {
    const mapping: ImportMapping = { ...callLog, columns: ["occurredAt", "ignore", "callType", "ignore", "ignore", "ignore", "ignore", "ignore"] };
    const result = createRowMapper(CALL_HEADERS, mapping, NOW).map(["2026-03-02 09:14:05", "c1", "x", "", "", "", "", ""], 2);
    expect(result).toMatchObject({ status: "invalid", errors: [{ field: "customer", message: "is required: map a column to it (a customer key, or the customer phone)" }] });
  });
});

describe("an event file row", () => {
  const mapper = createRowMapper(EVENT_HEADERS, eventFile, NOW);

  it("keeps the file's id and merges JSON attributes with extra columns", () => {
    const result = mapper.map(["evt-1", "Chat.Resolved", "2026-03-02T09:21:44-05:00", "c1", "j-100", "", "SMS", "Card arrival", '{"bot":"v2","utterance":"x"}', "where is my card"], 2);
    expect(result).toEqual({
      status: "valid",
      adjustment: null,
      zoneless: false,
      events: [
        {
          id: "evt-1",
          type: "chat.resolved",
          occurredAt: "2026-03-02T14:21:44.000Z",
          customer: "c1",
          journey: "j-100",
          channel: "sms",
          callType: "card_arrival",
          attributes: { bot: "v2", utterance: "where is my card" },
        },
      ],
    });
  });

  it("enforces the rules of each type (journey, point)", () => {
    const result = mapper.map(["evt-2", "offer.shown", "2026-03-02T09:00:00Z", "c1", "", "", "", "", "", ""], 3);
    expect(result.status === "invalid" && result.errors.map((error) => [error.column, error.message])).toEqual([
      ["journey", "is required for offer.shown"],
      ["point", "is required for offer.shown"],
    ]);
  });

  it("explains bad values in the product's words", () => {
    const result = mapper.map(["", "chat.begun", "2026-03-02T09:00:00Z", "c1", "j", "ivr", "fax", "", "[1]", ""], 3);
    const messages = result.status === "invalid" ? result.errors.map((error) => `${error.field}: ${error.message}`) : [];
    expect(messages).toEqual([
      'type: "chat.begun" is not an event type (e.g. call.received, offer.shown, chat.resolved)',
      'point: "ivr" is not an intervention point (web_nudge, ivr_offer, sms_link, in_queue, post_call)',
      'channel: "fax" is not a channel (web, sms, whatsapp, voice)',
      "attributes: is not a JSON object",
      "id: is empty: give every row an id, or leave the id column out to derive ids from the rows",
    ]);
  });

  it("refuses attributes larger than the API allows", () => {
    const result = mapper.map(["evt-3", "chat.unresolved", "2026-03-02T09:00:00Z", "c1", "j", "", "", "", "", "x".repeat(5000)], 3);
    expect(result.status === "invalid" && result.errors[0]).toMatchObject({ column: "attributes, utterance", field: "attributes", message: "must be at most 4096 bytes as JSON" });
  });
});

describe("cell helpers", () => {
  it("slugs call types", () => {
    expect(toSlug("  Card Arrival ")).toBe("card_arrival");
    expect(toSlug("Lost/stolen card!")).toBe("lost_stolen_card");
    expect(toSlug("Überweisung")).toBe("uberweisung");
    expect(toSlug("tech_support")).toBe("tech_support");
    expect(toSlug("TechSupport")).toBe("tech_support");
    expect(toSlug("tech-support")).toBe("tech_support");
    expect(toSlug("Tech Support")).toBe("tech_support");
  });

  it("reads durations in seconds, clock form, and units named by the header", () => {
    expect(parseDuration("42", "wait")).toBe(42);
    expect(parseDuration("1:05", "wait")).toBe(65);
    expect(parseDuration("01:00:05", "wait")).toBe(3605);
    expect(parseDuration("42000", "wait_ms")).toBe(42);
    expect(parseDuration("2.5", "Handle (minutes)")).toBe(150);
    expect(parseDuration("-3", "wait")).toBeNull();
    expect(parseDuration("soon", "wait")).toBeNull();
  });

  it("keeps identifiers with leading zeros as text", () => {
    expect(attributeValue("42")).toBe(42);
    expect(attributeValue("-1.5")).toBe(-1.5);
    expect(attributeValue("007")).toBe("007");
    expect(attributeValue("12345678901234567890")).toBe("12345678901234567890");
  });

  it("spots raw phone numbers and email addresses but not opaque keys", () => {
    expect(personalDataProblem("+44 20 7946 0958")).toMatch(/phone/);
    expect(personalDataProblem("(415) 555-0100")).toMatch(/phone/);
    expect(personalDataProblem("dana@example.com")).toMatch(/e-mail/);
    expect(personalDataProblem("100234567")).toBeNull();
    expect(personalDataProblem("c_8f3a1e")).toBeNull();
  });
});

describe("a call log with a mapping made for it", () => {
  const HEADERS = ["time", "caller", "status", "reason"];
  const base: ImportMapping = { kind: "call_log", columns: ["occurredAt", "customerPhone", "outcome", "callType"], timeZone: "UTC", dateOrder: "mdy" };
  const first = (mapping: ImportMapping, cells: string[]) => {
    const result = createRowMapper(HEADERS, mapping, NOW).map(cells, 2);
    return result.status === "valid" ? result.events[0] : result;
  };

  it("sends a phone column as customerPhone in E.164, national numbers only with their country", () => {
    expect(first(base, ["2026-03-02T09:00:00Z", "+44 20 7946 0018", "answered", "x"])).toMatchObject({ customerPhone: "+442079460018" });
    expect(first(base, ["2026-03-02T09:00:00Z", "(415) 555-0100", "answered", "x"])).toMatchObject({ status: "invalid", errors: [{ field: "customerPhone", message: expect.stringMatching(/choose the country of national numbers/) }] });
    expect(first({ ...base, phoneCountry: "US" }, ["2026-03-02T09:00:00Z", "(415) 555-0100", "answered", "x"])).toMatchObject({ customerPhone: "+14155550100" });
  });

  it("refuses a row that has both a customer key and a customer phone", () => {
    const mapping: ImportMapping = { ...base, columns: ["occurredAt", "customerPhone", "outcome", "customer"], fixed: { callType: "x" } };
    expect(first(mapping, ["2026-03-02T09:00:00Z", "+14155550100", "answered", "c1"])).toMatchObject({ status: "invalid", errors: [{ field: "customerPhone", message: "must not be sent with customer: send one of the two" }] });
  });

  it("takes a fixed value where no column gives the field or its cell is empty, and the column's value otherwise", () => {
    const mapping: ImportMapping = { ...base, fixed: { callType: "General Enquiry", queue: "main" } };
    expect(first(mapping, ["2026-03-02T09:00:00Z", "+14155550100", "answered", ""])).toMatchObject({ callType: "general_enquiry", attributes: { queue: "main" } });
    expect(first(mapping, ["2026-03-02T09:00:00Z", "+14155550100", "answered", "Billing"])).toMatchObject({ callType: "billing" });
  });

  it("reads statuses through the outcome table: listed, empty, any other, and skipped before anything else is read", () => {
    const mapping: ImportMapping = { ...base, outcomes: { done: "received", gone: "abandoned", busy: "skipped", "": "abandoned" } };
    expect(first(mapping, ["2026-03-02T09:00:00Z", "+14155550100", "Done", "x"])).toMatchObject({ type: "call.received" });
    expect(first(mapping, ["2026-03-02T09:00:00Z", "+14155550100", "gone", "x"])).toMatchObject({ type: "call.abandoned" });
    expect(first(mapping, ["2026-03-02T09:00:00Z", "+14155550100", "", "x"])).toMatchObject({ type: "call.abandoned" });
    expect(first(mapping, ["not a time", "anonymous", "BUSY", "x"])).toEqual({ status: "skipped", reason: 'status "BUSY" is skipped by the outcome table' });
    // Words the import knows still count; others must be in the table, or "any other status" says what they are.
    expect(first(mapping, ["2026-03-02T09:00:00Z", "+14155550100", "abandoned", "x"])).toMatchObject({ type: "call.abandoned" });
    expect(first(mapping, ["2026-03-02T09:00:00Z", "+14155550100", "voicemail", "x"])).toMatchObject({ status: "invalid", errors: [{ message: '"voicemail" is not in the outcome table: choose received, abandoned or skipped for it' }] });
    expect(first({ ...mapping, outcomes: { ...mapping.outcomes, "*": "skipped" } }, ["2026-03-02T09:00:00Z", "+14155550100", "voicemail", "x"])).toMatchObject({ status: "skipped" });
  });

  it("skips rows a filter leaves out", () => {
    const mapping: ImportMapping = { ...base, filters: [{ column: "reason", values: ["Billing", "Cards"] }] };
    expect(first(mapping, ["2026-03-02T09:00:00Z", "+14155550100", "answered", "loans"])).toEqual({ status: "skipped", reason: 'reason is "loans", not Billing or Cards' });
    expect(first(mapping, ["2026-03-02T09:00:00Z", "+14155550100", "answered", "cards"])).toMatchObject({ callType: "cards" });
  });
});
