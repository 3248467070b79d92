import type { ImportMapping } from "./columns";
import { eventFingerprint } from "./ids";
import { type RowError, createRowMapper } from "./mapping";
import { sha256Hex } from "./sha256";
import { type Batch, Batcher, type DeliveryOptions, ImportFailure, deliverBatch } from "./send";
import { readRows } from "./stream";

/** Detailed errors kept for the report; rows beyond it are still counted. */
export const MAX_REPORTED_ERRORS = 10_000;

export interface ImportCounts {
  /** Data rows read (header and blank rows not counted). */
  rows: number;
  blank: number;
  valid: number;
  invalid: number;
  /** Valid rows that repeat an earlier row of the file exactly (same id, same content). */
  repeats: number;
  /** Valid rows whose local time fell in a daylight-saving change (see DstAdjustment). */
  dstAdjusted: number;
  /** Rows the outcome table left out (failed, busy or outbound calls…), with no error. */
  skipped: number;
  /** Valid rows whose time carried no zone, read in the mapping's time zone. */
  zoneless: number;
  /** Events of the valid rows (a bot conversation makes two). */
  events: number;
  /** The earliest and latest time of the valid rows' events (RFC 3339, UTC), or null before any. */
  firstAt: string | null;
  lastAt: string | null;
  /** Rows sent and answered by the server: accepted + duplicates + rejected. */
  sent: number;
  accepted: number;
  duplicates: number;
  /** Rows the server refused (422); never stored. */
  rejected: number;
  /** Characters of the file read so far. */
  cursor: number;
}

export type ImportPhase = "check" | "send";

export interface ImportResult extends ImportCounts {
  outcome: "completed" | "cancelled" | "failed";
  failure?: string;
  errors: RowError[];
  /** Errors found in all (may exceed errors.length). */
  errorCount: number;
  elapsedMs: number;
}

export interface RunOptions {
  source: File | string;
  headers: string[];
  mapping: ImportMapping;
  /** The clock of the whole import: the check pass and the sending pass judge future times alike. */
  now: number;
  phase: ImportPhase;
  signal: AbortSignal;
  /** Needed to send. */
  delivery?: Omit<DeliveryOptions, "signal" | "mapper">;
  onProgress?: (counts: ImportCounts) => void;
  chunkSize?: number;
  /** The separator found by `readHead`; guessed by the parser when absent. */
  delimiter?: string;
  batch?: () => Batcher;
}

export const emptyCounts = (): ImportCounts => ({
  rows: 0,
  blank: 0,
  valid: 0,
  invalid: 0,
  repeats: 0,
  dstAdjusted: 0,
  skipped: 0,
  zoneless: 0,
  events: 0,
  firstAt: null,
  lastAt: null,
  sent: 0,
  accepted: 0,
  duplicates: 0,
  rejected: 0,
  cursor: 0,
});

/**
 * Reads a whole file under one mapping. In the `check` phase it only validates, row by row, with
 * the API's own event schema; in the `send` phase it also sends the valid rows, in batches, one
 * request at a time, pausing the parser while a batch is in flight. Both phases see the same rows
 * the same way, so what the check approved is exactly what is sent; invalid rows never are.
 */
export async function runImport(options: RunOptions): Promise<ImportResult> {
  const started = Date.now();
  const { headers, mapping, signal, phase } = options;
  if (mapping.columns.length !== headers.length) throw new Error("The mapping does not match the file's columns.");
  const mapper = createRowMapper(headers, mapping, options.now);
  const counts = emptyCounts();
  const errors: RowError[] = [];
  let errorCount = 0;
  const report = (list: RowError[]) => {
    errorCount += list.length;
    for (const error of list) if (errors.length < MAX_REPORTED_ERRORS) errors.push(error);
  };
  // Ids seen in this file: row, and for ids taken from the file a short hash of the content.
  const seen = new Map<string, { row: number; content: string }>();
  // Ids from the file, or from a bot conversation's id: a repeat with other content is an error.
  const idFromFile = mapping.columns.includes("id") || mapping.kind === "bot_export";
  const batcher = options.batch?.() ?? new Batcher();

  const send = async (batch: Batch | null) => {
    if (!batch || phase !== "send") return;
    if (!options.delivery) throw new Error("Sending needs a transport.");
    const result = await deliverBatch(batch, { ...options.delivery, signal, mapper });
    counts.accepted += result.accepted;
    counts.duplicates += result.duplicates;
    counts.rejected += result.rejectedRows;
    counts.invalid += result.rejectedRows;
    counts.valid -= result.rejectedRows;
    counts.sent += batch.events.length;
    report(result.rejected);
    options.onProgress?.({ ...counts });
  };

  let outcome: ImportResult["outcome"] = "completed";
  let failure: string | undefined;
  let headerSeen = false;
  try {
    for await (const chunk of readRows(options.source, options.chunkSize, options.delimiter)) {
      if (signal.aborted) break;
      const problems = new Map(chunk.problems.map((problem) => [problem.row, problem.message]));
      for (let i = 0; i < chunk.rows.length; i++) {
        const row = chunk.firstRow + i;
        if (row === 1) {
          headerSeen = true;
          continue;
        }
        const result = mapper.map(chunk.rows[i], row);
        if (result.status === "empty") continue;
        if (result.status === "blank") {
          counts.blank++;
          continue;
        }
        counts.rows++;
        if (problems.has(row)) {
          counts.invalid++;
          report([{ row, column: "", field: "", message: `cannot be read as CSV: ${problems.get(row)}` }]);
          continue;
        }
        if (result.status === "invalid") {
          counts.invalid++;
          report(result.errors);
          continue;
        }
        if (result.status === "skipped") {
          counts.skipped++;
          continue;
        }
        const contents = result.events.map((event) => ({ event, content: idFromFile ? sha256Hex(eventFingerprint(event)).slice(0, 16) : "" }));
        const clash = contents.find(({ event, content }) => {
          const earlier = seen.get(event.id);
          return earlier !== undefined && earlier.content !== content;
        });
        if (clash) {
          counts.invalid++;
          const earlier = seen.get(clash.event.id)!;
          report([{ row, column: mapper.columnFor(mapping.kind === "bot_export" ? "journey" : "id"), field: "id", value: clash.event.id, message: `repeats the id of row ${earlier.row} with different content: the API would keep only the first` }]);
          continue;
        }
        if (seen.has(result.events[0].id)) counts.repeats++;
        counts.valid++;
        if (result.adjustment) counts.dstAdjusted++;
        if (result.zoneless) counts.zoneless++;
        for (const { event, content } of contents) {
          if (!seen.has(event.id)) seen.set(event.id, { row, content });
          counts.events++;
          if (counts.firstAt === null || event.occurredAt < counts.firstAt) counts.firstAt = event.occurredAt;
          if (counts.lastAt === null || event.occurredAt > counts.lastAt) counts.lastAt = event.occurredAt;
          if (phase === "send") {
            await send(batcher.add(event, row));
            if (batcher.full) await send(batcher.take());
          }
        }
      }
      counts.cursor = chunk.cursor;
      options.onProgress?.({ ...counts });
      // Let the page paint between chunks.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    if (signal.aborted) outcome = "cancelled";
    else await send(batcher.take());
  } catch (error) {
    if (signal.aborted || (error instanceof DOMException && error.name === "AbortError")) outcome = "cancelled";
    else {
      outcome = "failed";
      failure = error instanceof ImportFailure ? error.message : `The file could not be read: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  if (!headerSeen && outcome === "completed") {
    outcome = "failed";
    failure = "The file is empty.";
  }
  options.onProgress?.({ ...counts });
  return { ...counts, outcome, failure, errors: errors.sort((a, b) => a.row - b.row), errorCount, elapsedMs: Date.now() - started };
}
