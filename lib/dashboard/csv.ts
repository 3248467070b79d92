/**
 * CSV downloads of what a dashboard shows. papaparse is loaded on the first click only, so it
 * costs nothing on page load. Text that a spreadsheet would run as a formula is escaped; numbers
 * stay numbers (rates as fractions, money with cents).
 */
export type CsvCell = string | number | boolean | null | undefined;

export async function toCsv(header: string[], rows: CsvCell[][]): Promise<string> {
  const { default: Papa } = await import("papaparse");
  return Papa.unparse([header, ...rows], { escapeFormulae: true, newline: "\r\n" });
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
  saveFile(filename, new Blob([await toCsv(header, rows)], { type: "text/csv;charset=utf-8" }));
}

/** A rate as a fraction with six decimals, empty when there is none. */
export function csvRate(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.round(value * 1e6) / 1e6;
}

/** Filename part for a period and filters: "2026-10-27_2026-11-23_ivr_offer". */
export function csvName(base: string, parts: (string | null | undefined)[]): string {
  return `${[base, ...parts.filter(Boolean)].join("_")}.csv`;
}
