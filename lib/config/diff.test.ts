import { describe, expect, it } from "vitest";
import { diffFields, formatValue, sameJson, textDiff } from "./diff";

describe("diffFields", () => {
  const rule = {
    name: "VIP",
    priority: 10,
    enabled: true,
    conditions: { customerTiers: ["gold"], keywords: ["agent"] },
    action: { type: "live_agent", queue: "vip" },
  };

  it("lists only what changed, by readable field, with items added and removed from lists", () => {
    const after = {
      ...rule,
      priority: 20,
      conditions: { customerTiers: ["gold", "platinum"], maxSentiment: -0.5 },
      action: { type: "callback", withinMinutes: 15 },
    };
    expect(diffFields(rule, after)).toEqual([
      { path: "priority", label: "Priority", kind: "changed", before: 10, after: 20 },
      {
        path: "conditions.customerTiers",
        label: "Customer tiers",
        kind: "changed",
        before: ["gold"],
        after: ["gold", "platinum"],
        itemsAdded: ["platinum"],
        itemsRemoved: [],
      },
      { path: "conditions.maxSentiment", label: "Sentiment at most", kind: "added", before: undefined, after: -0.5 },
      { path: "action.type", label: "Action", kind: "changed", before: "live_agent", after: "callback" },
      { path: "action.withinMinutes", label: "Call back within (min)", kind: "added", before: undefined, after: 15 },
      { path: "conditions.keywords", label: "Keywords", kind: "removed", before: ["agent"], after: undefined },
      { path: "action.queue", label: "Queue", kind: "removed", before: "vip", after: undefined },
    ]);
  });

  it("finds nothing between equal values whatever their key order (jsonb reorders keys)", () => {
    const reordered = { action: { queue: "vip", type: "live_agent" }, conditions: { keywords: ["agent"], customerTiers: ["gold"] }, enabled: true, priority: 10, name: "VIP" };
    expect(diffFields(rule, reordered)).toEqual([]);
    expect(sameJson(rule, reordered)).toBe(true);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  });

  it("treats a creation or deletion as every field added or removed", () => {
    expect(diffFields(null, { name: "x" })).toEqual([{ path: "name", label: "Name", kind: "added", before: undefined, after: "x" }]);
    expect(diffFields({ name: "x" }, null).map((change) => change.kind)).toEqual(["removed"]);
  });
});

describe("textDiff", () => {
  it("marks the words added and removed, keeping the rest", () => {
    expect(textDiff("Chat with us at {{chat_link}} now", "Chat with our assistant at {{chat_link}} now")).toEqual([
      { kind: "same", text: "Chat with " },
      { kind: "removed", text: "us " },
      { kind: "added", text: "our assistant " },
      { kind: "same", text: "at {{chat_link}} now" },
    ]);
  });

  it("rebuilds both texts from its pieces", () => {
    const before = "Reply STOP to opt out. Thanks!";
    const after = "Thanks for waiting. Reply STOP to opt out.";
    const pieces = textDiff(before, after);
    expect(pieces.filter((piece) => piece.kind !== "added").map((piece) => piece.text).join("")).toBe(before);
    expect(pieces.filter((piece) => piece.kind !== "removed").map((piece) => piece.text).join("")).toBe(after);
  });
});

describe("formatValue", () => {
  it("writes values for people", () => {
    expect(formatValue(true)).toBe("Yes");
    expect(formatValue(null)).toBe("—");
    expect(formatValue(["a", "b"])).toBe("a, b");
    expect(formatValue([{ days: ["mon", "fri"], start: "09:00", end: "17:00" }])).toBe("Mon, Fri 09:00–17:00");
    expect(formatValue({})).toBe("(none)");
  });
});
