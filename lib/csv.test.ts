import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { type CsvCell, csvCell, isFormula, toCsv } from "./csv";

/** What a spreadsheet may evaluate, said independently of lib/csv.ts's pattern. */
function spreadsheetWouldEvaluate(text: string): boolean {
  if (["\t", "\r", "\n"].includes(text.charAt(0))) return true;
  return ["=", "+", "-", "@", "＝", "＋", "－", "＠"].includes(text.trimStart().charAt(0));
}

/** Cells as a spreadsheet reads them back: papaparse's reading of what toCsv wrote. */
const readBack = (csv: string) => Papa.parse<string[]>(csv, { delimiter: ",", newline: "\r\n" }).data;

const texts = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.array(fc.constantFrom("=", "+", "-", "@", "＝", "@", " ", "\t", "\r", "\n", "\u00a0", '"', ",", "'", "a", "1", "HYPERLINK(", ")"), { maxLength: 12 }).map((parts) => parts.join("")),
);

describe("csvCell", () => {
  it("defuses papaparse's misses: a formula with a newline, after spaces, or after a line break", () => {
    expect(csvCell('=HYPERLINK("https://evil.example","x")\n')).toBe('\'=HYPERLINK("https://evil.example","x")\n');
    expect(csvCell("  =1+1")).toBe("'  =1+1");
    expect(csvCell("\n@SUM(A1)")).toBe("'\n@SUM(A1)");
    expect(csvCell("＝1+1")).toBe("'＝1+1");
  });

  it("leaves numbers, booleans, empty cells and ordinary text as they are", () => {
    expect([-3.5, 0, true, false, null, undefined, "", "card_arrival", "a=b", "c_8f3a1e"].map(csvCell)).toEqual([-3.5, 0, true, false, null, undefined, "", "card_arrival", "a=b", "c_8f3a1e"]);
  });

  it("prefixes exactly the text a spreadsheet would evaluate", () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(isFormula(text)).toBe(spreadsheetWouldEvaluate(text));
        expect(csvCell(text)).toBe(spreadsheetWouldEvaluate(text) ? `'${text}` : text);
      }),
      { numRuns: 5_000 },
    );
  });
});

describe("toCsv", () => {
  it("writes rows that read back cell for cell, with no cell a spreadsheet would evaluate", () => {
    const cell: fc.Arbitrary<CsvCell> = fc.oneof(texts, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        // A closing column keeps rows apart from papaparse's treatment of empty lines.
        const written = rows.map((row) => [...row, "end"]);
        const read = readBack(toCsv(written));
        expect(read).toEqual(written.map((row) => row.map((value) => (value === null ? "" : String(csvCell(value))))));
        for (const [index, row] of read.entries()) {
          row.forEach((text, column) => {
            if (typeof written[index][column] === "string") expect(spreadsheetWouldEvaluate(text)).toBe(false);
          });
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it("separates rows with CRLF, or LF when told", () => {
    expect(toCsv([["a", "b"], [1, "=x"]])).toBe("a,b\r\n1,'=x");
    expect(toCsv([["a"], ["b"]], { newline: "\n" })).toBe("a\nb");
  });
});
