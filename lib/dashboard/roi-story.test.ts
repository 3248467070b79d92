import { describe, expect, it } from "vitest";
import { roiStory } from "./roi-story";

const month = (value: string, deflected: number, agentCalls: number, savings: number) => ({
  month: value,
  deflected,
  agentCalls,
  deflectionRate: deflected + agentCalls === 0 ? null : deflected / (deflected + agentCalls),
  savings,
});

describe("roiStory", () => {
  it("says what was deflected and saved, where the rate went and the best month", () => {
    const months = [month("2026-06", 853, 11391, 4732.25), month("2026-07", 890, 11563, 4948.3), month("2026-10", 1766, 10598, 9772.4)];
    expect(roiStory(months, { deflected: 3509, savings: 19452.95 }, "USD", "2026-11")).toBe(
      "From June to October 2026, the bot deflected 3,509 calls that would have reached an agent, saving $19,452.95. " +
        "The deflection rate rose from 7.0% in June to 14.3% in October, and October saved the most ($9,772.40).",
    );
  });

  it("says when the last month is still in progress", () => {
    const months = [month("2026-10", 100, 900, 550), month("2026-11", 50, 950, 275)];
    const story = roiStory(months, { deflected: 150, savings: 825 }, "EUR", "2026-11");
    expect(story).toContain("fell from 10.0% in October to 5.0% so far in November");
    expect(story).toContain("€825.00");
    expect(story).toMatch(/November is still in progress/);
  });

  it("is honest when nothing was deflected", () => {
    expect(roiStory([month("2025-01", 0, 10, 0)], { deflected: 0, savings: 0 }, "USD", "2026-11")).toBe(
      "In January 2025, no deflection was confirmed, so the bot saved nothing yet.",
    );
  });

  it("starts at the first month with activity and says so", () => {
    const months = [month("2025-12", 0, 0, 0), month("2026-01", 0, 0, 0), month("2026-05", 10, 90, 55), month("2026-06", 20, 80, 110)];
    const story = roiStory(months, { deflected: 30, savings: 165 }, "USD", "2026-11");
    expect(story.startsWith("From May to June 2026, the bot deflected 30 calls")).toBe(true);
    expect(story).toContain("rose from 10.0% in May to 20.0% in June");
    expect(story.endsWith("Nothing was recorded before May 2026.")).toBe(true);
  });

  it("names both years when the months span two", () => {
    const story = roiStory([month("2025-12", 1, 1, 5.5), month("2026-01", 1, 1, 5.5)], { deflected: 2, savings: 11 }, "USD", "2026-11");
    expect(story.startsWith("From December 2025 to January 2026, the bot deflected 2 calls")).toBe(true);
    expect(story).toContain("held steady at about 50.0%");
  });
});
