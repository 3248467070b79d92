import { jStat } from "jstat";
import { describe, expect, it } from "vitest";
import fixture from "./incrementality.fixture.json";
import {
  chiSquareOneDofPValue,
  customersStillNeeded,
  incrementalityFields,
  incrementalityReport,
  newcombeDifference,
  requiredSamplePerArm,
  sampleRatioCheck,
  wilson,
  type IncrementalityCounts,
} from "./incrementality";

const TOLERANCE = 1e-9;

describe("Newcombe's hybrid score interval against statsmodels", () => {
  it("has at least 20 fixed cases from scripts/incrementality-fixture.py", () => {
    expect(fixture.generatedBy).toBe("scripts/incrementality-fixture.py");
    expect(fixture.newcombe.length).toBeGreaterThanOrEqual(20);
    expect(fixture.chiSquare.length).toBeGreaterThanOrEqual(20);
  });

  for (const c of fixture.newcombe) {
    it(`(${c.calledHoldout}/${c.nHoldout}) − (${c.calledTreatment}/${c.nTreatment})`, () => {
      const interval = newcombeDifference(c.calledHoldout, c.nHoldout, c.calledTreatment, c.nTreatment)!;
      expect(Math.abs(interval.value - c.difference)).toBeLessThan(TOLERANCE);
      expect(Math.abs(interval.low - c.low)).toBeLessThan(TOLERANCE);
      expect(Math.abs(interval.high - c.high)).toBeLessThan(TOLERANCE);
      const holdout = wilson(c.calledHoldout, c.nHoldout)!;
      expect(Math.abs(holdout.low - c.wilsonHoldout[0])).toBeLessThan(TOLERANCE);
      expect(Math.abs(holdout.high - c.wilsonHoldout[1])).toBeLessThan(TOLERANCE);
    });
  }

  it("has no interval when an arm is empty", () => {
    expect(newcombeDifference(0, 0, 3, 10)).toBeNull();
    expect(newcombeDifference(3, 10, 0, 0)).toBeNull();
  });
});

describe("the sample ratio χ² test against scipy's chisquare", () => {
  for (const c of fixture.chiSquare) {
    it(`${c.nTreatment} treatment, ${c.nHoldout} holdout at ${c.holdoutPercent} %`, () => {
      const check = sampleRatioCheck(c.nTreatment, c.nHoldout, c.holdoutPercent / 100)!;
      expect(Math.abs(check.chiSquare - c.chiSquare)).toBeLessThan(TOLERANCE * Math.max(1, c.chiSquare));
      expect(Math.abs(check.p - c.p)).toBeLessThan(TOLERANCE);
      expect(check.ok).toBe(c.p >= 0.001);
    });
  }

  it("is the upper tail of χ² with one degree of freedom", () => {
    expect(chiSquareOneDofPValue(0)).toBeCloseTo(1, 15);
    expect(chiSquareOneDofPValue(10.827566170662733)).toBeCloseTo(0.001, 12);
    expect(chiSquareOneDofPValue(4)).toBeCloseTo(1 - jStat.chisquare.cdf(4, 1), 10);
    expect(() => chiSquareOneDofPValue(-1)).toThrow(RangeError);
  });

  it("has nothing to check without customers or with a 0 % or 100 % holdout", () => {
    expect(sampleRatioCheck(0, 0, 0.1)).toBeNull();
    expect(sampleRatioCheck(10, 0, 0)).toBeNull();
    expect(sampleRatioCheck(0, 10, 1)).toBeNull();
  });
});

describe("customers needed per arm for a 2-point difference at 95 % / 80 % power", () => {
  for (const c of fixture.sampleSize) {
    it(`at a call rate of ${c.baseline}`, () => {
      expect(requiredSamplePerArm(c.baseline)).toBe(c.perArm);
    });
  }

  it("needs the most customers at a rate of one half", () => {
    expect(requiredSamplePerArm(0.5)).toBeGreaterThan(requiredSamplePerArm(0.2));
    expect(requiredSamplePerArm(0.1)).toBe(3_531);
  });
});

/** mulberry32: a small seeded generator, so that the simulation is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const binomial = (next: () => number, trials: number, p: number) => {
  let successes = 0;
  for (let i = 0; i < trials; i++) if (next() < p) successes++;
  return successes;
};

describe("simulation: experiments with a known lift", () => {
  it("covers the true lift with its 95 % interval in at least 90 % of 50 experiments", () => {
    const next = random(2026);
    let covered = 0;
    for (let experiment = 0; experiment < 50; experiment++) {
      // Call rates and arm sizes vary from one experiment to the next; the lift is known.
      const pHoldout = 0.1 + 0.3 * next();
      const trueLift = 0.01 + 0.06 * next();
      const pTreatment = pHoldout - trueLift;
      const customers = 1_000 + Math.floor(4_000 * next());
      const holdoutShare = [0.05, 0.1, 0.2, 0.5][experiment % 4];
      let nHoldout = 0;
      for (let i = 0; i < customers; i++) if (next() < holdoutShare) nHoldout++;
      const nTreatment = customers - nHoldout;
      const interval = newcombeDifference(binomial(next, nHoldout, pHoldout), nHoldout, binomial(next, nTreatment, pTreatment), nTreatment)!;
      if (interval.low <= trueLift && trueLift <= interval.high) covered++;
      // A well-run assignment passes the sample ratio check.
      expect(sampleRatioCheck(nTreatment, nHoldout, holdoutShare)!.p).toBeGreaterThan(0);
    }
    expect(covered).toBeGreaterThanOrEqual(45);
  });

  it("flags a broken assignment: a tenth of holdout decisions never recorded", () => {
    const next = random(7);
    let nTreatment = 0;
    let nHoldout = 0;
    for (let i = 0; i < 40_000; i++) {
      if (next() < 0.1) {
        if (next() >= 0.1) nHoldout++;
      } else nTreatment++;
    }
    const broken = sampleRatioCheck(nTreatment, nHoldout, 0.1)!;
    expect(broken.ok).toBe(false);
    expect(broken.p).toBeLessThan(0.001);
    // The same customers, recorded whole, pass.
    const next2 = random(7);
    let fine = 0;
    for (let i = 0; i < 40_000; i++) if (next2() < 0.1) fine++;
    expect(sampleRatioCheck(40_000 - fine, fine, 0.1)!.ok).toBe(true);
  });
});

const counts = (overrides: Partial<IncrementalityCounts> = {}): IncrementalityCounts => ({
  nTreatment: 900,
  nHoldout: 100,
  calledTreatment: 90,
  calledHoldout: 20,
  attributedDeflections: 150,
  smsSegments: 400,
  botConversations: 300,
  treatmentByCallType: { billing: 600, "": 300 },
  ...overrides,
});
const costs = { phoneCost: 6, phoneCostByCallType: { billing: 9 }, digitalCost: 1, smsCostPerSegment: 0.01, botCostPerConversation: 0.1 };

describe("an offer's report from its counts", () => {
  it("computes every field as DESIGN.md defines it", () => {
    const fields = incrementalityFields(counts(), costs);
    expect(fields.pTreatment).toBeCloseTo(0.1, 15);
    expect(fields.pHoldout).toBeCloseTo(0.2, 15);
    const lift = newcombeDifference(20, 100, 90, 900)!;
    expect(fields.lift).toEqual(lift);
    expect(fields.relativeLift).toBeCloseTo(0.5, 12);
    expect(fields.incrementalDeflections!.value).toBeCloseTo(90, 9);
    expect(fields.incrementalDeflections!.low).toBeCloseTo(lift.low * 900, 9);
    expect(fields.incrementalityRatio).toBeCloseTo(90 / 150, 12);
    // Pooled call rate 110 / 1000 = 0.11.
    expect(fields.requiredPerArm).toBe(requiredSamplePerArm(0.11));
    expect(fields.enough).toBe(false);
    // Mean phone cost (600 × 9 + 300 × 6) / 900 = 8; margin 7; 90 × 7 = 630; SMS 4.00, bot 30.00.
    expect(fields.netSavings).toMatchObject({ incrementalValue: 630, smsCost: 4, botCost: 30, value: 596, phoneCost: 8 });
    expect(fields.netSavings.low).toBeCloseTo(Math.round((lift.low * 900 * 7 - 34) * 100) / 100, 9);
    expect(fields.netSavings.high).toBeCloseTo(Math.round((lift.high * 900 * 7 - 34) * 100) / 100, 9);
  });

  it("has no lift, ratio or net value without a holdout, and says how many holdout customers are missing", () => {
    const fields = incrementalityFields(counts({ nHoldout: 0, calledHoldout: 0 }), costs);
    expect(fields.lift).toBeNull();
    expect(fields.incrementalDeflections).toBeNull();
    expect(fields.incrementalityRatio).toBeNull();
    expect(fields.netSavings.value).toBeNull();
    expect(fields.netSavings.smsCost).toBe(4);
    expect(customersStillNeeded(fields).holdout).toBe(fields.requiredPerArm);
  });

  it("sums a point's offers before computing, and reports all five points", () => {
    const report = incrementalityReport(
      { from: "2026-01-01", to: "2026-01-31", asOf: "2026-02-10T00:00:00.000Z", windowHours: 72, currency: "USD" },
      [
        { offerId: "b", point: "ivr_offer", name: "B", holdoutPercent: 10, ...counts() },
        { offerId: "a", point: "ivr_offer", name: "A", holdoutPercent: null, ...counts({ nTreatment: 100, calledTreatment: 10, treatmentByCallType: { "": 100 } }) },
      ],
      costs,
      ["web_nudge", "ivr_offer", "sms_link", "in_queue", "post_call"],
    );
    expect(report.offers.map((offer) => offer.offerId)).toEqual(["a", "b"]);
    expect(report.offers[0].srm).toBeNull();
    expect(report.offers[1].srm!.ok).toBe(true);
    expect(report.points).toHaveLength(5);
    const ivr = report.points.find((point) => point.point === "ivr_offer")!;
    expect(ivr).toMatchObject({ nTreatment: 1_000, nHoldout: 200, calledTreatment: 100, calledHoldout: 40 });
    expect(ivr.lift).toEqual(newcombeDifference(40, 200, 100, 1_000));
    expect(report.points.find((point) => point.point === "web_nudge")!.lift).toBeNull();
  });
});
