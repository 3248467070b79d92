/** What `withinBudget` answers when the work did not finish in time. */
export const OUT_OF_TIME = Symbol("out of time");

/** What work run by `withinBudget` is given. */
export interface Budget {
  /** Aborted when the time is up: the work should stop before doing more. */
  signal: AbortSignal;
  /**
   * Called at the point of no return (right before a commit): false when the time is up already
   * (the work must then roll back), else true, and the work is waited for `graceMs` longer, so an
   * answer is not given up while what it says is being committed.
   */
  claim(): boolean;
}

/**
 * Runs `work` for at most `ms` milliseconds (`ms + graceMs` once it has claimed the budget): its
 * result, or OUT_OF_TIME once the time is up. The work is not stopped (a query in flight cannot be
 * taken back), but its signal is aborted and its claim refused, so it can roll back what nobody
 * will be told about; its later failure is ignored.
 */
export async function withinBudget<T>(ms: number, work: (budget: Budget) => Promise<T>, graceMs = 0): Promise<T | typeof OUT_OF_TIME> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let claimed = false;
  let expired = false;
  const timeUp = new Promise<typeof OUT_OF_TIME>((resolve) => {
    const expire = () => {
      expired = true;
      controller.abort();
      resolve(OUT_OF_TIME);
    };
    timer = setTimeout(() => {
      if (claimed) timer = setTimeout(expire, graceMs);
      else expire();
    }, ms);
  });
  const claim = () => {
    if (expired) return false;
    claimed = true;
    return true;
  };
  const running = work({ signal: controller.signal, claim });
  running.catch(() => {});
  try {
    return await Promise.race([running, timeUp]);
  } finally {
    clearTimeout(timer);
  }
}

export type Outcome = "in_time" | "late";

/**
 * How many decisions may wait for the database at once, adapted to whether they are answered in
 * time: one more for every `limit` answered in time, half as many when one is late (at most once
 * per `windowMs`, so one late burst halves it once). A request beyond the limit is told
 * "unavailable" at once instead of queueing behind work that would make it late too: when the
 * process cannot keep up (a burst, a starved CPU, a slow database), what it can decide in time is
 * decided, instead of every decision timing out while its abandoned work keeps the server busy.
 */
export class ConcurrencyLimit {
  private waiting = 0;
  private current: number;
  private lastDecrease = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly min: number,
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.current = max;
  }

  get limit(): number {
    return Math.floor(this.current);
  }

  get inFlight(): number {
    return this.waiting;
  }

  /** A function to call once with the outcome when the work ends, or null when the limit is reached. */
  tryAcquire(): ((outcome: Outcome) => void) | null {
    if (this.waiting >= this.limit) return null;
    this.waiting++;
    let released = false;
    return (outcome) => {
      if (released) return;
      released = true;
      this.waiting--;
      if (outcome === "in_time") {
        this.current = Math.min(this.max, this.current + 1 / this.current);
      } else if (this.now() - this.lastDecrease >= this.windowMs) {
        this.lastDecrease = this.now();
        this.current = Math.max(this.min, this.current / 2);
      }
    };
  }
}
