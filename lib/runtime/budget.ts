/** What `withinBudget` answers when the work did not finish in time. */
export const OUT_OF_TIME = Symbol("out of time");

/**
 * Runs `work` for at most `ms` milliseconds: its result, or OUT_OF_TIME once the time is up. The
 * work is not stopped (a query in flight cannot be taken back), but its signal is aborted, so it
 * can refuse to commit what nobody will be told about; its later failure is ignored.
 */
export async function withinBudget<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T | typeof OUT_OF_TIME> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<typeof OUT_OF_TIME>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(OUT_OF_TIME);
    }, ms);
  });
  const running = work(controller.signal);
  running.catch(() => {});
  try {
    return await Promise.race([running, timeUp]);
  } finally {
    clearTimeout(timer);
  }
}
