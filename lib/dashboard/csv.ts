import type { CsvCell } from "@/lib/csv";

/**
 * CSV downloads of what a dashboard shows, written by the app's one CSV writer (lib/csv.ts),
 * which escapes text a spreadsheet would run as a formula; numbers stay numbers (rates as
 * fractions, money with cents). The writer and papaparse are loaded on the first click only, so
 * they cost nothing on page load.
 */
export type { CsvCell };

export async function dashboardCsv(header: string[], rows: CsvCell[][]): Promise<string> {
  const { toCsv } = await import("@/lib/csv");
  return toCsv([header, ...rows]);
}

export function saveFile(filename: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function downloadCsv(filename: string, header: string[], rows: CsvCell[][]) {
  saveFile(filename, new Blob([await dashboardCsv(header, rows)], { type: "text/csv;charset=utf-8" }));
}

/** A rate as a fraction with six decimals, empty when there is none. */
export function csvRate(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.round(value * 1e6) / 1e6;
}

/** Filename part for a period and filters: "2026-10-27_2026-11-23_ivr_offer". */
export function csvName(base: string, parts: (string | null | undefined)[]): string {
  return `${[base, ...parts.filter(Boolean)].join("_")}.csv`;
}
