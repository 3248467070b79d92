"use client";

import { CircleAlert, CircleCheck, CircleSlash, Info, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { dayIn, overviewHref } from "@/lib/import/overview-link";
import type { ImportResult } from "@/lib/import/run";
import { cn } from "@/lib/ui/cn";
import { formatCount, formatDuration, plural } from "./format";
import { Stat } from "./stats";

function Notes({ result, timeZone }: { result: ImportResult; timeZone: string }) {
  const notes: string[] = [];
  if (result.skipped > 0) notes.push(`${plural(result.skipped, "row")} skipped by the outcome table or the row filters (failed, busy, outbound or non-voice contacts).`);
  if (result.zoneless > 0) notes.push(`${plural(result.zoneless, "time")} had no time zone and were read as ${timeZone} time.`);
  if (result.repeats > 0) notes.push(`${plural(result.repeats, "row")} repeat an earlier row of the file exactly: stored once, the repeats count as duplicates.`);
  if (result.dstAdjusted > 0)
    notes.push(`${plural(result.dstAdjusted, "time")} fell on a daylight-saving change: a skipped time was moved an hour later, a repeated time read as the first.`);
  if (result.blank > 0) notes.push(`${plural(result.blank, "blank row")} skipped.`);
  if (notes.length === 0) return null;
  return (
    <ul className="mt-4 space-y-1.5">
      {notes.map((note) => (
        <li key={note} className="flex items-start gap-2 text-sm text-muted">
          <Info className="mt-0.5 size-4 shrink-0 text-info" aria-hidden />
          {note}
        </li>
      ))}
    </ul>
  );
}

interface CheckProps {
  result: ImportResult;
  timeZone: string;
  onImport: () => void;
  onBack: () => void;
  headingRef?: React.Ref<HTMLHeadingElement>;
}

/** After the check pass: what would be imported, and the choice to go ahead. */
export function CheckSummary({ result, timeZone, onImport, onBack, headingRef }: CheckProps) {
  const clean = result.invalid === 0;
  const nothing = result.valid === 0;
  const Icon = nothing ? CircleAlert : clean ? CircleCheck : TriangleAlert;
  return (
    <Card className="p-5 sm:p-6">
      <div className="flex items-start gap-3">
        <Icon className={cn("mt-0.5 size-5 shrink-0", nothing ? "text-bad" : clean ? "text-good" : "text-warn")} aria-hidden />
        <div className="min-w-0">
          <h2 ref={headingRef} tabIndex={-1} className="text-[15px] font-semibold text-ink focus:outline-none">
            {nothing ? "No row can be imported" : clean ? "Every row is ready to import" : "Some rows have problems"}
          </h2>
          <p role="status" className="mt-1 text-sm text-muted">
            {`${plural(result.rows, "row")} checked: ${formatCount(result.valid)} ready to import, ${formatCount(result.invalid)} with problems${result.skipped > 0 ? `, ${formatCount(result.skipped)} skipped` : ""}.`}
            {!clean && !nothing ? " Rows with problems are left out; the others can be imported now." : ""}
          </p>
        </div>
      </div>
      <dl className="mt-5 grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat label="Rows" value={formatCount(result.rows)} />
        <Stat label="Ready to import" value={formatCount(result.valid)} tone="good" />
        <Stat label="With problems" value={formatCount(result.invalid)} tone={result.invalid > 0 ? "bad" : undefined} />
        <Stat label="Checked in" value={formatDuration(result.elapsedMs)} />
      </dl>
      <Notes result={result} timeZone={timeZone} />
      <div className="mt-6 flex flex-wrap gap-3">
        <Button onClick={onImport} disabled={nothing}>
          {nothing ? "Nothing to import" : `Import ${plural(result.valid, "row")}`}
        </Button>
        <Button variant="secondary" onClick={onBack}>
          Change the mapping
        </Button>
      </div>
    </Card>
  );
}

interface DoneProps {
  result: ImportResult;
  fileName: string;
  timeZone: string;
  workspaceTimeZone: string;
  onAnother: () => void;
  onRetry: () => void;
  headingRef?: React.Ref<HTMLHeadingElement>;
}

/** The end of an import: what was stored, what was already there, what was left out. */
export function ImportSummary({ result, fileName, timeZone, workspaceTimeZone, onAnother, onRetry, headingRef }: DoneProps) {
  const rate = result.elapsedMs > 0 ? Math.round(result.sent / (result.elapsedMs / 1000)) : 0;
  const tone = result.outcome === "completed" ? (result.invalid > 0 ? "warn" : "good") : result.outcome === "cancelled" ? "warn" : "bad";
  const Icon = result.outcome === "completed" ? (result.invalid > 0 ? TriangleAlert : CircleCheck) : result.outcome === "cancelled" ? CircleSlash : CircleAlert;
  const title = result.outcome === "completed" ? "Import complete" : result.outcome === "cancelled" ? "Import cancelled" : "Import stopped";
  return (
    <Card className="p-5 sm:p-6">
      <div className="flex items-start gap-3">
        <Icon className={cn("mt-0.5 size-5 shrink-0", { good: "text-good", warn: "text-warn", bad: "text-bad" }[tone])} aria-hidden />
        <div className="min-w-0">
          <h2 ref={headingRef} tabIndex={-1} className="text-[15px] font-semibold text-ink focus:outline-none">
            {title}
          </h2>
          <p role="status" className="mt-1 text-sm text-ink-2">
            {`${fileName}: ${plural(result.accepted, "new event")} stored, ${plural(result.duplicates, "duplicate")} (already stored)`}
            {result.invalid > 0 ? `, ${plural(result.invalid, "row")} not imported.` : "."}
          </p>
          {result.outcome === "failed" && result.failure ? <p className="mt-2 rounded-md bg-bad-soft px-3 py-2 text-sm text-bad">{result.failure}</p> : null}
          {result.outcome !== "completed" ? (
            <p className="mt-2 text-sm text-muted">
              Batches already answered by the server are stored; the rest of the file was not sent. Running the import again is safe: stored rows count as duplicates.
            </p>
          ) : null}
        </div>
      </div>
      <dl className="mt-5 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label="Accepted" value={formatCount(result.accepted)} tone="good" hint="new events stored" />
        <Stat label="Duplicates" value={formatCount(result.duplicates)} hint="already stored, unchanged" />
        <Stat label="Not imported" value={formatCount(result.invalid)} tone={result.invalid > 0 ? "bad" : undefined} hint={result.rejected > 0 ? `${formatCount(result.rejected)} refused by the server` : "rows with problems"} />
        <Stat label="Time" value={formatDuration(result.elapsedMs)} hint={`${formatCount(rate)} rows per second`} />
      </dl>
      <Notes result={result} timeZone={timeZone} />
      <div className="mt-6 flex flex-wrap gap-3">
        {result.outcome !== "completed" ? <Button onClick={onRetry}>Run the import again</Button> : null}
        <Button variant={result.outcome === "completed" ? "primary" : "secondary"} onClick={onAnother}>
          Import another file
        </Button>
        {result.outcome === "completed" && result.accepted + result.duplicates > 0 && result.firstAt && result.lastAt ? (
          <Link href={overviewHref(result.firstAt, result.lastAt, workspaceTimeZone)} className="inline-flex h-10 items-center rounded-md px-4 text-sm font-medium text-brand hover:bg-brand-soft">
            See the overview of {dayIn(result.firstAt, workspaceTimeZone) === dayIn(result.lastAt, workspaceTimeZone) ? dayIn(result.firstAt, workspaceTimeZone) : `${dayIn(result.firstAt, workspaceTimeZone)} to ${dayIn(result.lastAt, workspaceTimeZone)}`}
          </Link>
        ) : null}
      </div>
    </Card>
  );
}
