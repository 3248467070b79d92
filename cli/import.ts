import fs from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/db";
import { deriveJourneys } from "@/db/queries/derive";
import { ingestEventInputs } from "@/db/queries/events";
import { getWorkspace } from "@/db/queries/workspaces";
import { detailsFromZod } from "@/lib/api/errors";
import { isValidTimeZone } from "@/lib/domain/time";
import { eventBatchSchema } from "@/lib/events/schema";
import { FILE_KINDS, type ImportMapping, missingTargets, targetLabel, wrongKindWarning } from "@/lib/import/columns";
import { PRESET_IDS, detectFileMapping, presetById, presetMapping } from "@/lib/import/presets";
import { errorReportCsv } from "@/lib/import/report";
import { type ImportCounts, runImport } from "@/lib/import/run";
import type { Transport } from "@/lib/import/send";
import { readHead } from "@/lib/import/stream";

/*
 * `npm run cli -- import --workspace ID [--preset NAME] [--time-zone TZ] FILE`: the page's import
 * for nightly jobs (docs/adr/027). The same lib/import reads, maps and checks the file; batches go
 * to the same ingest as the events API (ingestEventInputs, which keys customer phones), with no
 * HTTP in between. Progress goes to a terminal's standard error; the last line of standard output
 * is `imported N events, rejected M rows`, and the rows' problems are written beside the file.
 */

export class ImportUsageError extends Error {}

export interface ImportCommand {
  workspaceId: string;
  file: string;
  preset?: string;
  timeZone?: string;
  /** The import's clock, for "at most 1 hour in the future"; the present by default. */
  now?: number;
  /** A mapping chosen beforehand (one the page made, say), instead of the preset's or the guessed one. */
  mapping?: ImportMapping;
}

export interface ImportCommandResult {
  accepted: number;
  duplicates: number;
  rejectedRows: number;
  reportPath: string | null;
  failure?: string;
}

/** `calls.csv` → `calls.errors.csv`, in the same folder. */
export function errorReportPath(file: string): string {
  const { dir, name } = path.parse(file);
  return path.join(dir, `${name}.errors.csv`);
}

export async function importFile(db: Db, command: ImportCommand, out: { log: (line: string) => void; progress: NodeJS.WriteStream | null }): Promise<ImportCommandResult> {
  const workspace = await getWorkspace(db, command.workspaceId);
  if (!workspace) throw new ImportUsageError(`No workspace ${command.workspaceId}.`);
  const timeZone = command.timeZone ?? workspace.timeZone;
  if (!isValidTimeZone(timeZone)) throw new ImportUsageError(`"${timeZone}" is not an IANA time zone (e.g. Europe/London).`);
  let text: string;
  try {
    text = await fs.readFile(command.file, "utf8");
  } catch (error) {
    throw new ImportUsageError(`Cannot read ${command.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }
  const head = await readHead(text, 20);
  if (head.headers.length === 0 || head.headers.every((header) => header === "")) throw new ImportUsageError(`${command.file} is empty.`);

  let mapping: ImportMapping;
  if (command.mapping) {
    if (command.mapping.columns.length !== head.headers.length) throw new ImportUsageError(`The mapping has ${command.mapping.columns.length} columns; ${command.file} has ${head.headers.length}.`);
    mapping = command.mapping;
  } else if (command.preset) {
    const preset = presetById(command.preset);
    if (!preset) throw new ImportUsageError(`--preset must be one of: ${PRESET_IDS.join(", ")}.`);
    mapping = presetMapping(preset, head.headers, timeZone, head.sample);
    out.log(`Preset: ${preset.label}.`);
  } else {
    const detected = detectFileMapping(head.headers, head.sample, timeZone);
    mapping = detected.mapping;
    out.log(detected.preset ? `Looks like ${detected.preset.looksLike}.` : `No preset matches the header row: read as ${FILE_KINDS[mapping.kind].label.toLowerCase()}, columns guessed by name.`);
  }
  const missing = missingTargets(mapping);
  if (missing.length > 0) throw new ImportUsageError(`Nothing in ${path.basename(command.file)} gives ${missing.map(targetLabel).join(", ")}; choose a --preset, or import it on the /import page to map columns by hand.`);
  const warning = wrongKindWarning(mapping.kind, head.headers);
  if (warning) out.log(`Warning: ${warning}`);
  mapping.columns.forEach((target, index) => {
    if (target !== "ignore") out.log(`  ${head.headers[index]} → ${targetLabel(target)}`);
  });
  for (const [field, value] of Object.entries(mapping.fixed ?? {})) if (value) out.log(`  ${targetLabel(field as never)} for every row: ${value}`);

  const now = command.now ?? Date.now();
  const schema = eventBatchSchema(() => now);
  const transport: Transport = async (events) => {
    const parsed = schema.safeParse({ events });
    if (!parsed.success) return { status: 422, body: { error: { code: "invalid", message: "The batch is not valid.", details: detailsFromZod(parsed.error, "events") } } };
    return { status: 200, body: await ingestEventInputs(db, command.workspaceId, parsed.data.events) };
  };
  const total = text.length;
  const progress = (counts: ImportCounts) => {
    out.progress?.write(`\r${Math.min(100, Math.round((counts.cursor / total) * 100))}% · ${counts.rows} rows · ${counts.accepted} stored · ${counts.invalid} rejected`);
  };
  const result = await runImport({ source: text, headers: head.headers, mapping, now, phase: "send", signal: new AbortController().signal, delivery: { transport }, delimiter: head.delimiter, onProgress: progress });
  out.progress?.write("\n");
  if (result.accepted > 0) await deriveJourneys(db, command.workspaceId);

  let reportPath: string | null = null;
  if (result.errorCount > 0) {
    reportPath = errorReportPath(command.file);
    await fs.writeFile(reportPath, errorReportCsv(result.errors, result.errorCount));
  }
  if (result.zoneless > 0) out.log(`${result.zoneless} rows had no time zone and were read as ${timeZone} time.`);
  out.log(
    `${result.rows} rows: ${result.valid} valid (${result.events} events), ${result.skipped} skipped, ${result.invalid} rejected; ${result.accepted} events stored, ${result.duplicates} already there.`,
  );
  if (result.firstAt && result.lastAt) out.log(`Events from ${result.firstAt} to ${result.lastAt}.`);
  if (reportPath) out.log(`Problems of the rejected rows: ${reportPath}`);
  if (result.outcome !== "completed") out.log(`The import stopped: ${result.failure ?? result.outcome}`);
  out.log(`imported ${result.accepted} events, rejected ${result.invalid} rows`);
  return { accepted: result.accepted, duplicates: result.duplicates, rejectedRows: result.invalid, reportPath, ...(result.outcome !== "completed" ? { failure: result.failure ?? result.outcome } : {}) };
}
