import { describe, expect, it } from "vitest";
import { type Budget, ConcurrencyLimit, OUT_OF_TIME, withinBudget } from "./budget";

describe("withinBudget", () => {
  it("answers the work's result in time, else OUT_OF_TIME with the work's signal aborted and its claim refused", async () => {
    expect(await withinBudget(1_000, async () => "done")).toBe("done");
    let budget: Budget | undefined;
    const never = new Promise<string>(() => {});
    expect(await withinBudget(10, (given) => ((budget = given), never))).toBe(OUT_OF_TIME);
    expect(budget?.signal.aborted).toBe(true);
    expect(budget?.claim()).toBe(false);
  });

  it("waits the grace for work that claimed the budget before its time was up", async () => {
    const committing = (after: number) => (budget: Budget) =>
      new Promise<string>((resolve) => {
        expect(budget.claim()).toBe(true);
        setTimeout(() => resolve("committed"), after);
      });
    expect(await withinBudget(10, committing(30), 200)).toBe("committed");
    expect(await withinBudget(10, committing(1_000), 20)).toBe(OUT_OF_TIME);
  });

  it("ignores the failure of work that finished after its budget", async () => {
    const late = withinBudget(5, () => new Promise((_, reject) => setTimeout(() => reject(new Error("late")), 20)));
    expect(await late).toBe(OUT_OF_TIME);
    await new Promise((resolve) => setTimeout(resolve, 30));
  });
});

describe("ConcurrencyLimit", () => {
  it("admits up to its limit and one more after each release", () => {
    const limit = new ConcurrencyLimit(2, 4, 100, () => 0);
    const admitted = [1, 2, 3, 4].map(() => limit.tryAcquire());
    expect(admitted.every((release) => release !== null)).toBe(true);
    expect(limit.tryAcquire()).toBeNull();
    admitted[0]!("in_time");
    admitted[0]!("in_time"); // a second release changes nothing
    expect(limit.inFlight).toBe(3);
    expect(limit.tryAcquire()).not.toBeNull();
  });

  it("halves on lateness at most once per window, never below its minimum, and grows back with answers in time", () => {
    let now = 0;
    const limit = new ConcurrencyLimit(4, 64, 400, () => now);
    const burst = Array.from({ length: 32 }, () => limit.tryAcquire()!);
    for (const release of burst) release("late");
    expect(limit.limit).toBe(32);
    now = 500;
    limit.tryAcquire()!("late");
    expect(limit.limit).toBe(16);
    for (let window = 0; window < 10; window++) {
      now += 500;
      limit.tryAcquire()!("late");
    }
    expect(limit.limit).toBe(4);
    for (let i = 0; i < 200; i++) limit.tryAcquire()!("in_time");
    expect(limit.limit).toBeGreaterThan(16);
    for (let i = 0; i < 10_000; i++) limit.tryAcquire()!("in_time");
    expect(limit.limit).toBe(64);
  });
});
