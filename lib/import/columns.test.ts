import { describe, expect, it } from "vitest";
import { assignTarget, detectColumns, detectFileKind, detectMapping, missingTargets } from "./columns";

describe("detectFileKind", () => {
  it("sees an event file by its event types, a call log otherwise", () => {
    expect(detectFileKind(["id", "type", "occurredAt"], [["e1", "call.received", "2026-03-01T10:00:00Z"], ["e2", "chat.started", "2026-03-01T10:00:00Z"]])).toBe("event_file");
    expect(detectFileKind(["time", "type"], [["2026-03-01 10:00", "card_arrival"]])).toBe("call_log");
  });
});

describe("detectColumns", () => {
  it("maps a typical ACD export by header names", () => {
    const headers = ["Call Start", "Caller Hash", "Call Type", "Queue", "Wait Time", "Handle Time", "Status", "Agent Name"];
    expect(detectColumns("call_log", headers, [])).toEqual(["occurredAt", "customer", "callType", "queue", "waitSeconds", "handleSeconds", "outcome", "ignore"]);
  });

  it("prefers the longest synonym a header contains", () => {
    const headers = ["Avg handle time (s)", "Call start (UTC)", "customer_hash_sha256", "Time waiting in queue", "reason code"];
    expect(detectColumns("call_log", headers, [])).toEqual(["handleSeconds", "occurredAt", "customer", "waitSeconds", "callType"]);
  });

  it("reads a call log's bare 'type' column as the call type", () => {
    expect(detectColumns("call_log", ["when", "customer", "type"], [["2026-03-01 10:00", "c1", "card_arrival"]])).toEqual(["occurredAt", "customer", "callType"]);
  });

  it("finds a time column by its values when no header says so", () => {
    expect(detectColumns("call_log", ["x", "customer"], [["03/01/2026 10:00", "c1"], ["03/01/2026 11:00", "c2"]])).toEqual(["occurredAt", "customer"]);
  });

  it("maps DESIGN's event columns and puts unknown columns into attributes", () => {
    const headers = ["id", "type", "occurredAt", "customer", "journey", "point", "channel", "callType", "attributes", "utterance"];
    expect(detectColumns("event_file", headers, [])).toEqual(["id", "type", "occurredAt", "customer", "journey", "point", "channel", "callType", "attributes", "attribute"]);
  });

  it("gives each field to one column only", () => {
    const targets = detectColumns("call_log", ["time", "timestamp", "customer"], []);
    expect(targets.filter((target) => target === "occurredAt")).toHaveLength(1);
  });
});

describe("detectMapping", () => {
  it("detects the day order of slash dates", () => {
    const mapping = detectMapping(["time", "customer", "call type"], [["25/03/2026 10:00", "c1", "x"]], "Europe/London");
    expect(mapping).toMatchObject({ kind: "call_log", dateOrder: "dmy", dateOrderDetected: true, timeZone: "Europe/London" });
  });
});

describe("assignTarget and missingTargets", () => {
  it("moves a field from one column to another, leaving no two columns with one field", () => {
    const mapping = { kind: "call_log" as const, columns: ["occurredAt", "customer", "ignore"] as const, timeZone: "UTC", dateOrder: "mdy" as const };
    const moved = assignTarget({ ...mapping, columns: [...mapping.columns] }, 2, "customer");
    expect(moved.columns).toEqual(["occurredAt", "ignore", "customer"]);
    expect(missingTargets(moved)).toEqual(["callType"]);
    expect(assignTarget(moved, 1, "attribute").columns).toEqual(["occurredAt", "attribute", "customer"]);
  });
});
