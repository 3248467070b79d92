"use client";

import { FileText, X } from "lucide-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { type FileKind, type ImportMapping, changeKind, columnValues, detectMapping, missingTargets, targetLabel, wrongKindWarning } from "@/lib/import/columns";
import { previewRows } from "@/lib/import/mapping";
import { PRESETS, type Preset, type PresetId, detectFileMapping, presetMapping } from "@/lib/import/presets";
import { type ImportCounts, type ImportPhase, type ImportResult, emptyCounts, runImport } from "@/lib/import/run";
import { fetchTransport } from "@/lib/import/send";
import { type FileHead, readHead } from "@/lib/import/stream";
import { detectDateOrder, hasYearLastDates } from "@/lib/import/time";
import { ErrorReport } from "./error-report";
import { EventPreview } from "./event-preview";
import { FilePicker } from "./file-picker";
import { formatBytes, plural } from "./format";
import { ImportProgress, type RetryNotice } from "./import-progress";
import { CheckSummary, ImportSummary } from "./import-summary";
import { FixedValues, OutcomeTableCard, PresetCard } from "./file-rules";
import { ColumnMapping, FileSettings } from "./mapping-form";
import { Steps } from "./steps";

const PREVIEW_ROWS = 8;
/** Rows read ahead for detection and the outcome table's statuses; the preview shows the first PREVIEW_ROWS. */
const SAMPLE_ROWS = 200;

type Stage = "choose" | "map" | "checking" | "checked" | "importing" | "done";

const STEP_OF: Record<Stage, number> = { choose: 0, map: 1, checking: 2, checked: 2, importing: 3, done: 3 };

interface Running {
  phase: ImportPhase;
  counts: ImportCounts;
  startedAt: number;
  elapsedMs: number;
  retry: RetryNotice | null;
  cancelling: boolean;
}

interface Props {
  workspaceName: string;
  workspaceTimeZone: string;
  timeZones: string[];
}

/**
 * The import, step by step: upload → map columns (with a live preview) → check every row →
 * import the valid rows. All parsing and validation runs in the browser; the server sees only
 * `POST /api/v1/events` batches, exactly as a machine client would send them.
 */
export function ImportWizard({ workspaceName, workspaceTimeZone, timeZones }: Props) {
  const [stage, setStage] = useState<Stage>("choose");
  const [file, setFile] = useState<File | null>(null);
  const [head, setHead] = useState<FileHead | null>(null);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [dateOrderDetected, setDateOrderDetected] = useState(false);
  const [preset, setPreset] = useState<Preset | null>(null);
  const [detectedPreset, setDetectedPreset] = useState<Preset | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [running, setRunning] = useState<Running | null>(null);
  const [check, setCheck] = useState<ImportResult | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [clock, setClock] = useState(0);
  const controller = useRef<AbortController | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Keyboard and screen-reader users land on the heading of each new step.
  useEffect(() => {
    if (stage !== "choose" && stage !== "map") headingRef.current?.focus();
  }, [stage]);

  // Leaving the page stops a running pass, so nothing keeps sending unseen.
  useEffect(() => () => controller.current?.abort(), []);

  // Closing or reloading the tab stops a running import; ask first.
  useEffect(() => {
    if (stage !== "importing") return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [stage]);

  // Elapsed time ticks while a pass runs, so rows per second stays current between batches.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setRunning((current) => (current ? { ...current, elapsedMs: Date.now() - current.startedAt } : current)), 500);
    return () => clearInterval(timer);
  }, [running?.startedAt]);

  async function openFile(chosen: File) {
    setFileError(null);
    if (chosen.size === 0) return setFileError(`${chosen.name} is empty.`);
    if (/\.(xlsx?|numbers|ods|json|zip)$/i.test(chosen.name)) return setFileError(`${chosen.name} is not a CSV file. Export it as CSV (comma or semicolon separated) and upload that.`);
    setReading(true);
    try {
      const read = await readHead(chosen, SAMPLE_ROWS);
      if (read.headers.length < 2) {
        setFileError(`Only one column was found in ${chosen.name}. Is it a CSV file with a header row?`);
        return;
      }
      const detected = detectFileMapping(read.headers, read.sample, workspaceTimeZone);
      setFile(chosen);
      setHead(read);
      setMapping(detected.mapping);
      setPreset(detected.preset);
      setDetectedPreset(detected.preset);
      setDateOrderDetected(detected.dateOrderDetected);
      setClock(Date.now());
      setCheck(null);
      setResult(null);
      setStage("map");
    } catch (error) {
      setFileError(`${chosen.name} could not be read: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setReading(false);
    }
  }

  function reset() {
    controller.current?.abort();
    setStage("choose");
    setFile(null);
    setHead(null);
    setMapping(null);
    setPreset(null);
    setDetectedPreset(null);
    setCheck(null);
    setResult(null);
    setRunning(null);
  }

  async function runPass(phase: ImportPhase, now: number): Promise<ImportResult | null> {
    if (!file || !head || !mapping) return null;
    const abort = new AbortController();
    controller.current = abort;
    const startedAt = Date.now();
    setRunning({ phase, counts: emptyCounts(), startedAt, elapsedMs: 0, retry: null, cancelling: false });
    const outcome = await runImport({
      source: file,
      headers: head.headers,
      delimiter: head.delimiter,
      mapping,
      now,
      phase,
      signal: abort.signal,
      delivery: {
        transport: fetchTransport,
        onRetry: (attempt, delayMs, reason) => setRunning((current) => (current ? { ...current, retry: { attempt, delayMs, reason } } : current)),
      },
      onProgress: (counts) => setRunning((current) => (current ? { ...current, counts, retry: null, elapsedMs: Date.now() - current.startedAt } : current)),
    });
    setRunning(null);
    return outcome;
  }

  async function startCheck() {
    const now = Date.now();
    setClock(now);
    setStage("checking");
    const outcome = await runPass("check", now);
    if (!outcome || outcome.outcome === "cancelled") return setStage("map");
    if (outcome.outcome === "failed") {
      setFileError(outcome.failure ?? "The file could not be read.");
      return reset();
    }
    setCheck(outcome);
    setStage("checked");
  }

  async function startImport() {
    setStage("importing");
    const outcome = await runPass("send", clock);
    setResult(outcome);
    setStage("done");
  }

  function cancel() {
    setRunning((current) => (current ? { ...current, cancelling: true } : current));
    controller.current?.abort();
  }

  const preview = useMemo(
    () => (head && mapping ? previewRows(head.headers, head.sample.slice(0, PREVIEW_ROWS), head.sampleRows.slice(0, PREVIEW_ROWS), mapping, clock || Date.now()) : []),
    [head, mapping, clock],
  );

  const timeValues = useMemo(() => {
    if (!head || !mapping) return [];
    const index = mapping.columns.indexOf("occurredAt");
    return index >= 0 ? columnValues(head.sample, index) : [];
  }, [head, mapping]);

  if (stage === "choose" || !file || !head || !mapping) {
    return (
      <>
        <Steps current={0} />
        <FilePicker onFile={openFile} reading={reading} error={fileError} />
      </>
    );
  }

  const missing = missingTargets(mapping);
  const busy = stage === "checking" || stage === "importing";
  const editable = stage === "map";
  const zoneMatters = timeValues.length === 0 || timeValues.some((value) => !/(Z|[+-]\d{2}(:?\d{2})?|UTC|GMT)$/i.test(value.trim()) && !/^\d{9,13}(\.\d+)?$/.test(value.trim()));

  function changeFileKind(kind: FileKind) {
    if (!head || !mapping) return;
    setMapping(changeKind(mapping, kind, head.headers, head.sample));
  }

  function choosePreset(id: PresetId | null) {
    if (!head || !mapping) return;
    const chosen = id ? PRESETS[id] : null;
    setPreset(chosen);
    if (chosen) changeMapping(presetMapping(chosen, head.headers, mapping.timeZone, head.sample), true);
    else {
      const { dateOrderDetected: _detected, ...guessed } = detectMapping(head.headers, head.sample, mapping.timeZone);
      changeMapping({ ...guessed, preset: null }, true);
    }
  }

  function changeMapping(next: ImportMapping, redetectOrder = false) {
    if (!head) return;
    if (mapping && (redetectOrder || next.columns.indexOf("occurredAt") !== mapping.columns.indexOf("occurredAt"))) {
      const index = next.columns.indexOf("occurredAt");
      const order = index >= 0 ? detectDateOrder(columnValues(head.sample, index)) : null;
      setDateOrderDetected(order !== null);
      if (order) next = { ...next, dateOrder: order };
    }
    setMapping(next);
  }

  return (
    <>
      <Steps current={stage === "done" && result?.outcome === "completed" ? 4 : STEP_OF[stage]} />
      <div className="space-y-6">
        <Card className="flex flex-wrap items-center justify-between gap-3 px-5 py-3.5">
          <div className="flex min-w-0 items-center gap-3">
            <span className="grid size-9 shrink-0 place-items-center rounded-md bg-brand-soft text-brand">
              <FileText className="size-5" aria-hidden />
            </span>
            <div className="min-w-0">
              <p className="truncate text-sm font-medium text-ink" title={file.name}>
                {file.name}
              </p>
              <p className="text-xs text-muted">
                {formatBytes(file.size)} · {plural(head.headers.length, "column")} · separated by {delimiterName(head.delimiter)} · into {workspaceName}
              </p>
            </div>
          </div>
          {!busy ? (
            <Button variant="ghost" size="sm" onClick={reset}>
              <X className="size-4" aria-hidden />
              {stage === "done" ? "Close" : "Choose another file"}
            </Button>
          ) : null}
        </Card>

        {running ? (
          <ImportProgress
            phase={running.phase}
            counts={running.counts}
            totalRows={running.phase === "send" ? (check?.valid ?? null) : null}
            fileSize={file.size}
            elapsedMs={running.elapsedMs}
            retry={running.retry}
            cancelling={running.cancelling}
            onCancel={cancel}
            headingRef={headingRef}
          />
        ) : null}

        {stage === "checked" && check ? <CheckSummary result={check} timeZone={mapping.timeZone} onImport={startImport} onBack={() => setStage("map")} headingRef={headingRef} /> : null}
        {stage === "done" && result ? <ImportSummary result={result} fileName={file.name} timeZone={mapping.timeZone} workspaceTimeZone={workspaceTimeZone} onAnother={reset} onRetry={startImport} headingRef={headingRef} /> : null}

        {stage === "done" && result ? (
          <ErrorReport errors={result.errors} errorCount={result.errorCount} invalidRows={result.invalid} fileName={file.name} />
        ) : stage === "checked" && check ? (
          <ErrorReport errors={check.errors} errorCount={check.errorCount} invalidRows={check.invalid} fileName={file.name} />
        ) : null}

        {editable || stage === "checking" ? (
          <>
            <PresetCard preset={preset} detected={detectedPreset} mapping={mapping} onPreset={choosePreset} onChange={changeMapping} warning={wrongKindWarning(mapping.kind, head.headers)} disabled={!editable} />
            <FileSettings
              mapping={mapping}
              onKindChange={changeFileKind}
              onChange={changeMapping}
              timeZones={timeZones}
              workspaceTimeZone={workspaceTimeZone}
              zoneMatters={zoneMatters}
              dayOrderMatters={hasYearLastDates(timeValues)}
              dateOrderDetected={dateOrderDetected}
              disabled={!editable}
            />
            <ColumnMapping headers={head.headers} sample={head.sample} mapping={mapping} onChange={changeMapping} disabled={!editable} />
            <OutcomeTableCard headers={head.headers} sample={head.sample} mapping={mapping} onChange={changeMapping} disabled={!editable} />
            <FixedValues mapping={mapping} onChange={changeMapping} disabled={!editable} />
            <EventPreview rows={preview} kind={mapping.kind} timeZone={mapping.timeZone} />
            {editable ? (
              <Card className="flex flex-wrap items-center justify-between gap-3 px-5 py-4">
                <p className="min-w-0 flex-1 text-xs text-muted sm:text-sm" id="check-hint">
                  {missing.length > 0
                    ? `Map a column to ${missing.map(targetLabel).join(", ")} to continue.`
                    : "Next, every row is checked in your browser. Nothing is sent until you confirm."}
                </p>
                <Button onClick={startCheck} disabled={missing.length > 0} aria-describedby="check-hint">
                  Check all rows
                </Button>
              </Card>
            ) : null}
          </>
        ) : null}
      </div>
    </>
  );
}

function delimiterName(delimiter: string): string {
  return { ",": "commas", ";": "semicolons", "\t": "tabs", "|": "pipes" }[delimiter] ?? `“${delimiter}”`;
}
