import { bucketStart, nextDay, nextMonth } from "./params";

/**
 * The rollup rows that cover local days `from`..`to` (inclusive) exactly once (docs/adr/018):
 * every whole calendar month inside the period as one month row; in what is left before and
 * after those months, every whole week (Monday to Sunday) as one week row; the remaining days
 * as day rows. Weeks and months are named by their first day.
 */
export interface PeriodBlocks {
  days: string[];
  weeks: string[];
  months: string[];
}

/** The last day of a month `YYYY-MM`. */
export const lastDayOfMonth = (month: string) => {
  const [y, m] = month.split("-").map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0")}`;
};

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Whole weeks of `from`..`to`, then its other days, into `blocks`. */
function addWeeksAndDays(blocks: PeriodBlocks, from: string, to: string) {
  for (let day = from; day <= to; ) {
    if (bucketStart(day, "week") === day && addDays(day, 6) <= to) {
      blocks.weeks.push(day);
      day = addDays(day, 7);
    } else {
      blocks.days.push(day);
      day = nextDay(day);
    }
  }
}

export function periodBlocks(from: string, to: string): PeriodBlocks {
  const blocks: PeriodBlocks = { days: [], weeks: [], months: [] };
  let firstMonth = from.endsWith("-01") ? from.slice(0, 7) : nextMonth(from.slice(0, 7));
  for (let month = firstMonth; lastDayOfMonth(month) <= to; month = nextMonth(month)) blocks.months.push(`${month}-01`);
  if (blocks.months.length === 0) {
    addWeeksAndDays(blocks, from, to);
    return blocks;
  }
  firstMonth = blocks.months[0];
  const afterLastMonth = nextDay(lastDayOfMonth(blocks.months[blocks.months.length - 1].slice(0, 7)));
  addWeeksAndDays(blocks, from, addDays(firstMonth, -1));
  addWeeksAndDays(blocks, afterLastMonth, to);
  return blocks;
}

/** The week and month rows that a set of day rows adds up to, by their first days (each once, in order). */
export function blocksOfDays(days: readonly string[]): { weeks: string[]; months: string[] } {
  return {
    weeks: [...new Set(days.map((day) => bucketStart(day, "week")))].sort(),
    months: [...new Set(days.map((day) => `${day.slice(0, 7)}-01`))].sort(),
  };
}

/** Every day of the week or month that starts on `start`. */
export function daysOf(span: "week" | "month", start: string): string[] {
  const last = span === "week" ? addDays(start, 6) : lastDayOfMonth(start.slice(0, 7));
  const days: string[] = [];
  for (let day = start; day <= last; day = nextDay(day)) days.push(day);
  return days;
}
