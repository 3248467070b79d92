import { describe, expect, it } from "vitest";
import { detectMapping } from "./columns";
import { previewRows } from "./mapping";
import { TEMPLATES, errorReportCsv, summarizeErrors } from "./report";
import { detectDelimiter, readHead } from "./stream";

describe("errorReportCsv", () => {
  it("quotes what needs quoting and defuses spreadsheet formulas from the file", () => {
    const csv = errorReportCsv([
      { row: 4, column: "Caller, hash", field: "customer", message: 'looks like a "phone"', value: "=HYPERLINK(\"x\")" },
      { row: 9, column: "", field: "", message: "has 2 values but the header has 8 columns" },
    ]);
    expect(csv.split("\n")).toEqual([
      "row,column,field,problem,value",
      '4,"Caller, hash",customer,"looks like a ""phone""","\'=HYPERLINK(""x"")"',
      "9,,,has 2 values but the header has 8 columns,",
    ]);
  });

  it("says when problems were left out of the list", () => {
    const csv = errorReportCsv([{ row: 2, column: "a", field: "a", message: "m" }], 12_000);
    expect(csv.trim().split("\n").at(-1)).toBe(",,,… and 11999 more problems not listed,");
  });
});

describe("summarizeErrors", () => {
  it("groups the same mistake across rows, most frequent first", () => {
    const groups = summarizeErrors([
      { row: 2, column: "Wait", field: "attributes.waitSeconds", message: '"soon" is not a duration' },
      { row: 3, column: "Time", field: "occurredAt", message: "is empty" },
      { row: 5, column: "Wait", field: "attributes.waitSeconds", message: '"later" is not a duration' },
    ]);
    expect(groups).toEqual([
      { column: "Wait", field: "attributes.waitSeconds", message: "… is not a duration", count: 2, firstRow: 2 },
      { column: "Time", field: "occurredAt", message: "is empty", count: 1, firstRow: 3 },
    ]);
  });
});

describe("the downloadable templates", () => {
  it.each(Object.entries(TEMPLATES))("%s is recognised at once and every row is valid", async (kind, text) => {
    const head = await readHead(text, 10);
    const mapping = detectMapping(head.headers, head.sample, "America/New_York");
    expect(mapping.kind).toBe(kind);
    expect(mapping.columns).not.toContain("ignore");
    const rows = previewRows(head.headers, head.sample, head.sampleRows, mapping, Date.parse("2026-06-01T00:00:00Z"));
    expect(rows.map((row) => row.result.status)).toEqual(head.sample.map(() => "valid"));
  });
});

describe("readHead", () => {
  it("reads headers (without a byte-order mark) and the first non-blank rows with their numbers", async () => {
    const head = await readHead("\uFEFFtime;customer\n\n2026-03-01 10:00;c1\n2026-03-01 11:00;c2\n2026-03-01 12:00;c3\n", 2);
    expect(head).toEqual({ headers: ["time", "customer"], sample: [["2026-03-01 10:00", "c1"], ["2026-03-01 11:00", "c2"]], sampleRows: [3, 4], delimiter: ";" });
  });
});

describe("detectDelimiter", () => {
  it("reads the separator from the header line", () => {
    expect(detectDelimiter("a,b,c\n1;2;3;4;5")).toBe(",");
    expect(detectDelimiter("Zeit;Kunde;Anrufgrund\n")).toBe(";");
    expect(detectDelimiter("time\tcustomer\n")).toBe("\t");
    expect(detectDelimiter('"a;b",c,d\n')).toBe(",");
    expect(detectDelimiter("single\n")).toBe(",");
  });
});
