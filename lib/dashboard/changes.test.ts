import { describe, expect, it } from "vitest";
import { auditHref, changeBucket, changeText, changeTooltip, type ConfigChange, markersOf } from "./changes";

const change = (overrides: Partial<ConfigChange> = {}): ConfigChange => ({
  id: 41, at: "2026-11-03T15:00:00.000Z", day: "2026-11-03", action: "publish", kind: "ivr_offer", itemId: "o1",
  name: "Long wait", version: 3, point: "ivr_offer", actor: "supervisor@switchboard.demo", ...overrides,
});

describe("change annotations", () => {
  it("say what changed, to which version, by whom and when", () => {
    expect(changeText(change())).toBe("Published IVR offer “Long wait” v3");
    expect(changeText(change({ action: "rollback", kind: "sms_template", name: "Chat link", version: 2 }))).toBe("Rolled back SMS template “Chat link” to v2");
    expect(changeTooltip(change())).toBe("Published IVR offer “Long wait” v3 · by supervisor@switchboard.demo · Nov 3, 2026");
    expect(changeTooltip(change({ actor: null }))).toBe("Published IVR offer “Long wait” v3 · Nov 3, 2026");
    expect(auditHref(change())).toBe("/audit?entity=ivr_offer&from=2026-11-03&to=2026-11-03#audit-41");
  });

  it("fall in the bucket of their day, the Monday of their week or the first of their month", () => {
    expect(changeBucket("2026-11-05", "day")).toBe("2026-11-05");
    expect(changeBucket("2026-11-05", "week")).toBe("2026-11-02");
    expect(changeBucket("2026-11-02", "week")).toBe("2026-11-02");
    expect(changeBucket("2026-11-05", "month")).toBe("2026-11-01");
    const markers = markersOf([change(), change({ id: 42, day: "2026-11-04" }), change({ id: 43, day: "2026-11-10" })], "week");
    expect(markers.map((marker) => [marker.bucket, marker.changes.length])).toEqual([["2026-11-02", 2], ["2026-11-09", 1]]);
  });
});
