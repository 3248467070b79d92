import Papa from "papaparse";

/** A slice of a CSV file: rows numbered from 1 (the header), and how far into the text it reaches. */
export interface RowChunk {
  rows: string[][];
  /** Number of the first row of `rows`; the header is row 1. */
  firstRow: number;
  /** Characters of the file read so far, for a progress bar. */
  cursor: number;
  /** Rows the CSV parser could not read cleanly (unbalanced quotes). */
  problems: { row: number; message: string }[];
}

/** 512 KB: a few thousand rows per chunk keeps the page responsive between chunks. */
export const CHUNK_SIZE = 512 * 1024;

/** papaparse's overloads differ for text and files; the options used here suit both. */
const parse = Papa.parse as unknown as (source: File | string, config: object) => void;

type Delivery = { kind: "chunk"; chunk: RowChunk } | { kind: "done" } | { kind: "error"; error: Error };

/**
 * Streams the rows of a CSV file (a browser `File`) or text, chunk by chunk, with papaparse. The
 * parser is paused while the consumer works on a chunk (validating, sending to the API), so a
 * 100,000-row file never sits in memory as rows, and the network sets the pace.
 * Breaking out of the loop stops the parser.
 */
export async function* readRows(source: File | string, chunkSize = CHUNK_SIZE, delimiter?: string): AsyncGenerator<RowChunk> {
  const queue: Delivery[] = [];
  let wake: (() => void) | null = null;
  let parser: Papa.Parser | null = null;
  let nextRow = 1;
  let finished = false;
  const deliver = (item: Delivery) => {
    if (finished) return;
    if (item.kind !== "chunk") finished = true;
    queue.push(item);
    wake?.();
    wake = null;
  };

  parse(source, {
    header: false,
    skipEmptyLines: false,
    chunkSize,
    ...(delimiter ? { delimiter } : {}),
    chunk(results: Papa.ParseResult<string[]>, handle: Papa.Parser) {
      parser = handle;
      handle.pause();
      const firstRow = nextRow;
      nextRow += results.data.length;
      const problems = results.errors
        .filter((error) => error.type === "Quotes" && typeof error.row === "number")
        .map((error) => ({ row: firstRow + (error.row as number), message: error.message }));
      deliver({ kind: "chunk", chunk: { rows: results.data, firstRow, cursor: results.meta.cursor, problems } });
    },
    complete() {
      deliver({ kind: "done" });
    },
    error(error: Error) {
      deliver({ kind: "error", error });
    },
  });

  let completed = false;
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const item = queue.shift()!;
      if (item.kind === "done") {
        completed = true;
        return;
      }
      if (item.kind === "error") throw item.error;
      yield item.chunk;
      // Resume only once the consumer asks for more.
      const handle = parser as Papa.Parser | null;
      handle?.resume();
    }
  } finally {
    if (!completed) {
      finished = true;
      (parser as Papa.Parser | null)?.abort();
    }
  }
}

/** The header and the first non-blank rows of a file, with their row numbers, for detection and the preview. */
export interface FileHead {
  headers: string[];
  sample: string[][];
  sampleRows: number[];
  delimiter: string;
}

export async function readHead(source: File | string, rows: number): Promise<FileHead> {
  const start = typeof source === "string" ? source.slice(0, 8192) : await source.slice(0, 8192).text();
  const delimiter = detectDelimiter(start);
  return new Promise((resolve, reject) => {
    const config = {
      header: false,
      delimiter,
      preview: rows * 2 + 1,
      chunkSize: 64 * 1024,
      skipEmptyLines: false,
      complete(results: Papa.ParseResult<string[]>) {
        const [headers = [], ...rest] = results.data;
        const sample: string[][] = [];
        const sampleRows: number[] = [];
        rest.forEach((cells, index) => {
          if (sample.length >= rows || cells.every((cell) => cell.trim() === "")) return;
          sample.push(cells);
          sampleRows.push(index + 2);
        });
        resolve({ headers: headers.map((header) => header.replace(/^\uFEFF/, "").trim()), sample, sampleRows, delimiter });
      },
      error(error: Error) {
        reject(error);
      },
    };
    parse(source, config);
  });
}

const DELIMITERS = [",", ";", "\t", "|"] as const;

/**
 * The separator of a CSV file, from its header line: the candidate that occurs most often there
 * (outside quotes), commas on a tie or when there is none. The header decides because it is the
 * one line every file has and it rarely holds quoted text.
 */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ",";
  for (const delimiter of DELIMITERS) if (counts.get(delimiter)! > counts.get(best)!) best = delimiter;
  return best;
}
