import Papa from "papaparse";

/**
 * Every CSV this app writes goes through `toCsv`: the journeys export, the dashboards' downloads
 * and the import's error report. A cell a spreadsheet would evaluate as a formula gets a leading
 * apostrophe, which spreadsheets show as text (OWASP "CSV injection"). papaparse's own
 * `escapeFormulae` misses a cell that holds a newline (`=HYPERLINK(…)\n`) and one whose formula
 * follows leading spaces, so the check is ours and papaparse only quotes.
 */
export type CsvCell = string | number | boolean | null | undefined;

/**
 * A text a spreadsheet may run: one that starts with a tab, carriage return or line feed, or
 * whose first character after any leading whitespace is = + - @ or their full-width forms
 * (which some spreadsheets read as the ASCII ones). Anchored with one quantifier: linear.
 */
const FORMULA = /^(?:[\t\r\n]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

export function isFormula(text: string): boolean {
  return FORMULA.test(text);
}

/** A cell as written: text that could run as a formula is prefixed with `'`; numbers and booleans stay as they are. */
export function csvCell(value: CsvCell): CsvCell {
  return typeof value === "string" && isFormula(value) ? `'${value}` : value;
}

/** Rows as CSV (quotes where needed; CRLF between rows as RFC 4180 says, unless told), every cell through `csvCell`. */
export function toCsv(rows: readonly (readonly CsvCell[])[], { newline = "\r\n" }: { newline?: "\r\n" | "\n" } = {}): string {
  return Papa.unparse(
    rows.map((row) => row.map(csvCell)),
    { newline, escapeFormulae: false },
  );
}
