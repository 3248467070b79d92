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

describe("phone columns and what satisfies a required field", () => {
  it("reads a column of phone numbers as the customer phone, never as a key or an attribute", () => {
    const sample = [["2026-03-01 10:00", "+14155550100", "card_arrival", "dana@example.com"], ["2026-03-01 11:00", "+1 415 555 0101", "loans", "sam@example.com"]];
    expect(detectColumns("call_log", ["Call start", "Caller", "Call type", "Agent email"], sample)).toEqual(["occurredAt", "customerPhone", "callType", "ignore"]);
    expect(detectColumns("event_file", ["occurredAt", "From", "callType", "agent"], sample)).toEqual(["occurredAt", "customerPhone", "callType", "ignore"]);
  });

  it("counts a customer phone for the customer, and a fixed value for its field", () => {
    const mapping = { kind: "call_log" as const, columns: ["occurredAt", "customerPhone"] as const, timeZone: "UTC", dateOrder: "mdy" as const };
    expect(missingTargets({ ...mapping, columns: [...mapping.columns] })).toEqual(["callType"]);
    expect(missingTargets({ ...mapping, columns: [...mapping.columns], fixed: { callType: "general" } })).toEqual([]);
    expect(missingTargets({ ...mapping, columns: [...mapping.columns], fixed: { callType: "  " } })).toEqual(["callType"]);
  });
});

describe("a vendor's columns guessed without its preset", () => {
  it("puts no timestamp into a duration and tells queue time from handle time", () => {
    const headers = ["ContactId", "InitiationTimestamp", "CustomerEndpoint.Address", "Queue.Name", "Queue.EnqueueTimestamp", "Queue.Duration", "Agent.AgentInteractionDuration"];
    const sample = [["6f9a", "2026-12-02T09:00:05Z", "+14155550100", "Cards", "2026-12-02T09:00:08Z", "42", "305"]];
    expect(detectColumns("call_log", headers, sample)).toEqual(["id", "occurredAt", "customerPhone", "queue", "ignore", "waitSeconds", "handleSeconds"]);
  });
});
