import { describe, expect, it } from "vitest";
import { incrementalityFields, requiredSamplePerArm, sampleRatioCheck, type IncrementalityCounts, type OfferIncrementality } from "@/lib/metrics/incrementality";
import { armJourneysHref, impactCsvRows, impactSentence, IMPACT_CSV_HEADER, verdictOf } from "./impact";

const costs = { phoneCost: 6, phoneCostByCallType: {}, digitalCost: 1, smsCostPerSegment: 0.01, botCostPerConversation: 0.1 };

function offer(counts: Partial<IncrementalityCounts>, holdoutPercent: number | null = 10): OfferIncrementality {
  const full: IncrementalityCounts = {
    nTreatment: 0, nHoldout: 0, calledTreatment: 0, calledHoldout: 0, attributedDeflections: 0, smsSegments: 0, botConversations: 0, treatmentByCallType: {}, ...counts,
  };
  return {
    offerId: "o1", name: "Long wait: text the chat link", point: "ivr_offer", holdoutPercent,
    ...incrementalityFields(full, costs),
    srm: holdoutPercent === null ? null : sampleRatioCheck(full.nTreatment, full.nHoldout, holdoutPercent / 100),
  };
}

describe("the Impact page's sentence", () => {
  it("says how many calls per 100 eligible callers an offer avoided, with its interval", () => {
    const clear = offer({ nTreatment: 36_000, nHoldout: 4_000, calledTreatment: 3_600, calledHoldout: 524, treatmentByCallType: { "": 36_000 } });
    expect(verdictOf(clear)).toBe("avoided");
    expect(impactSentence(clear)).toMatch(/^Offering “Long wait: text the chat link” avoided 3\.1 calls per 100 eligible callers \(95% CI \d\.\d to \d\.\d\)\.$/);
  });

  it("says that there is not enough data yet, and about how many more holdout callers are needed", () => {
    const small = offer({ nTreatment: 900, nHoldout: 100, calledTreatment: 90, calledHoldout: 13 });
    expect(verdictOf(small)).toBe("not_enough");
    const needed = requiredSamplePerArm(103 / 1000) - 100;
    expect(impactSentence(small)).toContain(`Not enough data yet for “Long wait: text the chat link”: about ${(Math.ceil(needed / 100) * 100).toLocaleString("en-US")} more holdout callers needed`);
  });

  it("puts a broken split before any lift, and names an interval that includes zero", () => {
    const broken = offer({ nTreatment: 9_500, nHoldout: 500, calledTreatment: 950, calledHoldout: 100 });
    expect(verdictOf(broken)).toBe("srm");
    expect(impactSentence(broken)).toContain("assignment or recording is broken");
    const none = offer({ nTreatment: 36_000, nHoldout: 4_000, calledTreatment: 3_600, calledHoldout: 401 });
    expect(verdictOf(none)).toBe("unclear");
    expect(impactSentence(none)).toContain("made no clear difference");
    expect(verdictOf(offer({ nTreatment: 10 }, null))).toBe("no_holdout");
  });

  it("exports one CSV row per offer, column for column, and links each arm's journeys", () => {
    const result = { from: "2026-01-01", to: "2026-01-31", asOf: "2026-02-01T00:00:00.000Z", windowHours: 72, currency: "EUR", offers: [offer({ nTreatment: 10, nHoldout: 2 })], points: [] };
    const [row] = impactCsvRows(result);
    expect(row).toHaveLength(IMPACT_CSV_HEADER.length);
    expect(row[0]).toBe("o1");
    expect(row.at(-1)).toBe("EUR");
    expect(armJourneysHref({ from: "2026-01-01", to: "2026-01-31", asOf: result.asOf }, "ivr_offer", "holdout")).toBe(
      "/journeys?from=2026-01-01&to=2026-01-31&point=ivr_offer&arm=holdout&asOf=2026-02-01T00%3A00%3A00.000Z",
    );
  });
});
