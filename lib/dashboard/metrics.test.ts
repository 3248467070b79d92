import { describe, expect, it } from "vitest";
import { FUNNEL_STEPS, funnelSteps, netSavingCents, overviewFigures, rateOf, savingsOf } from "./metrics";

const settings = { phoneCost: 6.4, digitalCost: 0.9, phoneCostByCallType: { lost_or_stolen_card: 8.75 } };
const counts = { offered: 100, accepted: 40, engaged: 30, resolved: 20, escalated: 5, bounced: 6, deflected: 12, pending: 2 };

describe("rateOf", () => {
  it("is null without a denominator and carries a Wilson interval otherwise", () => {
    expect(rateOf(0, 0)).toEqual({ numerator: 0, denominator: 0, value: null, interval: null });
    const rate = rateOf(5, 10);
    expect(rate.value).toBe(0.5);
    expect(rate.interval!.low).toBeCloseTo(0.2366, 3);
    expect(rate.interval!.high).toBeCloseTo(0.7634, 3);
  });

  it("gives no interval when the numerator is not a subset of the denominator", () => {
    expect(rateOf(12, 10)).toMatchObject({ value: 1.2, interval: null });
  });
});

describe("savings", () => {
  it("uses the call type's phone cost when set, else the default, minus the digital cost", () => {
    expect(netSavingCents(settings, "lost_or_stolen_card")).toBe(785);
    expect(netSavingCents(settings, "card_arrival")).toBe(550);
    expect(netSavingCents(settings, null)).toBe(550);
    expect(netSavingCents({ ...settings, phoneCostByCallType: { toString: 1 } as never }, "constructor")).toBe(550);
  });

  it("adds deflections × net saving in cents, without floating-point drift", () => {
    const rows = [
      { key: "lost_or_stolen_card", deflected: 3 },
      { key: "card_arrival", deflected: 7 },
      { key: null, deflected: 0 },
    ];
    expect(savingsOf(rows, settings)).toBe(62.05);
    expect(savingsOf(Array.from({ length: 10 }, () => ({ key: "x", deflected: 1 })), { ...settings, phoneCost: 0.3, digitalCost: 0.1 })).toBe(2);
  });
});

describe("overviewFigures", () => {
  it("derives the headline numbers by DESIGN.md's definitions", () => {
    const figures = overviewFigures({ totals: counts, agentCalls: 88, breakdown: [{ key: "card_arrival", deflected: 12 }] }, settings);
    expect(figures.deflected).toBe(12);
    expect(figures.deflectionRate.value).toBe(12 / 100);
    expect(figures.containment.value).toBe(20 / 30);
    expect(figures.bounceBack.value).toBe(6 / 30);
    expect(figures.savings).toBe(66);
  });

  it("has no savings until the settings and the call type breakdown are there", () => {
    expect(overviewFigures({ totals: counts, agentCalls: 0 }, settings).savings).toBeNull();
  });
});

describe("funnelSteps", () => {
  it("walks offered → deflected with the conversion and drop-off at each step", () => {
    const steps = funnelSteps(counts);
    expect(steps.map((step) => step.stage)).toEqual([...FUNNEL_STEPS]);
    expect(steps[0]).toMatchObject({ count: 100, conversion: null, dropOff: null });
    expect(steps[1]).toMatchObject({ count: 40, dropOff: 60 });
    expect(steps[1].conversion!.value).toBe(0.4);
    expect(steps[4]).toMatchObject({ count: 12, dropOff: 8 });
    expect(steps[4].ofOffered.value).toBe(0.12);
  });
});
