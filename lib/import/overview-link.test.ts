import { describe, expect, it } from "vitest";
import { overviewHref } from "./overview-link";

describe("overviewHref", () => {
  it("opens the overview on the imported days, counted in the workspace's zone", () => {
    expect(overviewHref("2026-12-02T10:00:00.000Z", "2026-12-03T02:30:00.000Z", "UTC")).toBe("/?from=2026-12-02&to=2026-12-03");
    expect(overviewHref("2026-12-02T10:00:00.000Z", "2026-12-03T02:30:00.000Z", "America/New_York")).toBe("/?from=2026-12-02&to=2026-12-02");
    expect(overviewHref("2026-12-02T23:30:00.000Z", "2026-12-02T23:45:00.000Z", "Asia/Tokyo")).toBe("/?from=2026-12-03&to=2026-12-03");
  });
});
