/**
 * The one plain sentence at the top of the ROI page, generated from the ROI answer: what was
 * deflected and saved over the months shown, where the deflection rate went, and the best month.
 */
import type { RoiMonth } from "@/lib/metrics/types";
import { formatCount, formatMoney, formatMonth, formatRate } from "./format";

export function roiStory(allMonths: RoiMonth[], total: { deflected: number; savings: number }, currency: string, currentMonth: string): string {
  if (allMonths.length === 0) return "";
  // Months before the first activity (no journey, no call) say nothing: the story starts at the first.
  const start = allMonths.findIndex((month) => month.deflected + month.agentCalls > 0);
  const months = start > 0 ? allMonths.slice(start) : allMonths;
  const before = start > 0 ? ` Nothing was recorded before ${formatMonth(months[0].month)}.` : "";
  const first = months[0];
  const last = months[months.length - 1];
  const span = months.length === 1 ? `In ${formatMonth(first.month)}` : `From ${monthName(first.month, last.month)} to ${formatMonth(last.month)}`;
  const inProgress = last.month >= currentMonth ? ` ${longMonth(last.month)} is still in progress, and its latest deflections await confirmation.` : "";
  if (total.deflected === 0) return `${span}, no deflection was confirmed, so the bot saved nothing yet.${inProgress}`.trim();

  const deflections = `${formatCount(total.deflected)} ${total.deflected === 1 ? "call" : "calls"}`;
  const opening = `${span}, the bot deflected ${deflections} that would have reached an agent, saving ${formatMoney(total.savings, currency)}.`;
  if (months.length === 1) return `${opening} The deflection rate was ${formatRate(first.deflectionRate)}.${before}${inProgress}`;

  const measured = months.filter((month) => month.deflectionRate !== null);
  let trend = "";
  if (measured.length >= 2) {
    const from = measured[0];
    const to = measured[measured.length - 1];
    const points = ((to.deflectionRate ?? 0) - (from.deflectionRate ?? 0)) * 100;
    const when = (month: string) => (month >= currentMonth ? `so far in ${longMonth(month)}` : `in ${longMonth(month)}`);
    trend =
      Math.abs(points) < 0.5
        ? ` The deflection rate held steady at about ${formatRate(to.deflectionRate)}`
        : ` The deflection rate ${points > 0 ? "rose" : "fell"} from ${formatRate(from.deflectionRate)} in ${longMonth(from.month)} to ${formatRate(to.deflectionRate)} ${when(to.month)}`;
  }
  const best = months.reduce((top, month) => (month.savings > top.savings ? month : top), months[0]);
  const bestText = best.savings > 0 ? `${trend ? ", and" : " The best month was"} ${longMonth(best.month)} saved the most (${formatMoney(best.savings, currency)})` : "";
  const bestSentence = trend ? `${trend}${bestText}.` : bestText ? ` ${longMonth(best.month)} saved the most (${formatMoney(best.savings, currency)}).` : "";
  return `${opening}${bestSentence}${before}${inProgress}`;
}

const monthOnly = new Intl.DateTimeFormat("en-US", { month: "long", timeZone: "UTC" });

/** "2026-06" → "June": the first sentence already names the years. */
function longMonth(month: string): string {
  return monthOnly.format(new Date(`${month}-01T00:00:00Z`));
}

/** "June" when both months are in the same year, else "June 2025". */
function monthName(month: string, last: string): string {
  return month.slice(0, 4) === last.slice(0, 4) ? longMonth(month) : formatMonth(month);
}
