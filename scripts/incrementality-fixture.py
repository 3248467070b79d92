#!/usr/bin/env python3
"""Writes lib/metrics/incrementality.fixture.json: reference values for the incrementality
statistics (docs/adr/026), computed by statsmodels and scipy, so that the TypeScript tests
compare against them without Python at test time.

- Newcombe's hybrid score interval of p_holdout - p_treatment:
  statsmodels.stats.proportion.confint_proportions_2indep(..., method="newcomb", compare="diff")
- Wilson intervals of each arm: statsmodels.stats.proportion.proportion_confint(method="wilson")
- Sample ratio check: scipy.stats.chisquare(f_obs=[n_T, n_H], f_exp=[N (1 - h), N h])
- Per-arm sample size for a 2-point difference at 95 % / 80 % power: the two-proportion formula
  of lib/metrics/incrementality.ts with scipy's normal quantiles.

Run with Debian's Python (apt-get install python3-statsmodels python3-scipy):
    /usr/bin/python3 scripts/incrementality-fixture.py
"""
import json
import math
import os

import scipy
import statsmodels
from scipy.stats import chisquare, norm
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

# (calledHoldout, nHoldout, calledTreatment, nTreatment): small, large, lopsided, zero and full cells.
NEWCOMBE_CASES = [
    (56, 70, 48, 80),
    (9, 10, 3, 10),
    (5, 56, 0, 29),
    (0, 10, 0, 20),
    (10, 10, 10, 10),
    (0, 15, 5, 15),
    (15, 15, 0, 15),
    (1, 1, 0, 1),
    (31, 100, 28, 900),
    (120, 1000, 95, 9000),
    (1200, 10000, 1000, 90000),
    (45, 400, 330, 3600),
    (3, 50, 20, 450),
    (7, 12, 2, 30),
    (250, 2500, 2100, 22500),
    (19, 200, 181, 1800),
    (500, 1000, 500, 1000),
    (1, 2, 1, 3),
    (2, 7, 11, 13),
    (64, 321, 512, 2890),
    (998, 1000, 2, 1000),
    (13, 987, 140, 8883),
]

# (nTreatment, nHoldout, holdoutPercent)
SRM_CASES = [
    (900, 100, 10),
    (920, 80, 10),
    (9000, 1000, 10),
    (9200, 800, 10),
    (950, 50, 5),
    (500, 500, 50),
    (520, 480, 50),
    (5000, 4700, 50),
    (80, 20, 20),
    (1, 1, 10),
    (10, 0, 10),
    (0, 10, 10),
    (18000, 2000, 10),
    (19300, 1700, 10),
    (4510, 490, 10),
    (99, 1, 1),
    (70, 30, 25),
    (100000, 11000, 10),
    (1234, 166, 12),
    (3, 2, 50),
]

# pooled call rates the sample size is computed at
SAMPLE_SIZE_BASELINES = [0.0, 0.005, 0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.99, 1.0]


def newcombe_case(called_h, n_h, called_t, n_t):
    low, high = confint_proportions_2indep(called_h, n_h, called_t, n_t, method="newcomb", compare="diff")
    holdout = proportion_confint(called_h, n_h, alpha=0.05, method="wilson")
    treatment = proportion_confint(called_t, n_t, alpha=0.05, method="wilson")
    return {
        "calledHoldout": called_h,
        "nHoldout": n_h,
        "calledTreatment": called_t,
        "nTreatment": n_t,
        "difference": called_h / n_h - called_t / n_t,
        "low": float(low),
        "high": float(high),
        "wilsonHoldout": [float(holdout[0]), float(holdout[1])],
        "wilsonTreatment": [float(treatment[0]), float(treatment[1])],
    }


def srm_case(n_t, n_h, percent):
    total = n_t + n_h
    share = percent / 100
    result = chisquare([n_t, n_h], f_exp=[total * (1 - share), total * share])
    return {"nTreatment": n_t, "nHoldout": n_h, "holdoutPercent": percent, "chiSquare": float(result.statistic), "p": float(result.pvalue)}


def sample_size_case(baseline, difference=0.02, alpha=0.05, power=0.8):
    pooled = min(max(baseline, difference / 2), 1 - difference / 2)
    p1, p2 = pooled + difference / 2, pooled - difference / 2
    root = norm.ppf(1 - alpha / 2) * math.sqrt(2 * pooled * (1 - pooled)) + norm.ppf(power) * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return {"baseline": baseline, "exact": root * root / difference**2, "perArm": math.ceil(root * root / difference**2 - 1e-9)}


def main():
    fixture = {
        "generatedBy": "scripts/incrementality-fixture.py",
        "versions": {"statsmodels": statsmodels.__version__, "scipy": scipy.__version__},
        "newcombe": [newcombe_case(*case) for case in NEWCOMBE_CASES],
        "chiSquare": [srm_case(*case) for case in SRM_CASES],
        "sampleSize": [sample_size_case(baseline) for baseline in SAMPLE_SIZE_BASELINES],
    }
    out = os.path.join(os.path.dirname(__file__), "..", "lib", "metrics", "incrementality.fixture.json")
    with open(out, "w") as handle:
        json.dump(fixture, handle, indent=2)
        handle.write("\n")
    print(f"wrote {len(fixture['newcombe'])} Newcombe, {len(fixture['chiSquare'])} chi-square and {len(fixture['sampleSize'])} sample-size cases to {os.path.normpath(out)}")


if __name__ == "__main__":
    main()
