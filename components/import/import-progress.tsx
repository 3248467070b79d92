"use client";

import { LoaderCircle, RotateCw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { ImportCounts } from "@/lib/import/run";
import { formatCount, formatDuration } from "./format";
import { Stat } from "./stats";

export interface RetryNotice {
  attempt: number;
  delayMs: number;
  reason: string;
}

interface Props {
  phase: "check" | "send";
  counts: ImportCounts;
  /** Rows expected in all (send), or null while only the byte position is known (check). */
  totalRows: number | null;
  fileSize: number;
  elapsedMs: number;
  retry: RetryNotice | null;
  cancelling: boolean;
  onCancel: () => void;
  headingRef?: React.Ref<HTMLHeadingElement>;
}

/** A running check or import: a progress bar with rows per second, the counts so far, and a way out. */
export function ImportProgress({ phase, counts, totalRows, fileSize, elapsedMs, retry, cancelling, onCancel, headingRef }: Props) {
  const done = phase === "send" ? counts.sent : counts.rows;
  const fraction = totalRows ? done / Math.max(1, totalRows) : fileSize > 0 ? counts.cursor / fileSize : 0;
  const percent = Math.min(100, Math.max(0, Math.floor(fraction * 100)));
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0.5 ? done / seconds : null;
  const remaining = totalRows && rate ? ((totalRows - done) / rate) * 1000 : null;
  const title = phase === "send" ? "Importing" : "Checking every row";

  return (
    <Card className="p-5 sm:p-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h2 ref={headingRef} tabIndex={-1} className="flex items-center gap-2 text-[15px] font-semibold text-ink focus:outline-none">
            <LoaderCircle className="size-4 animate-spin text-brand" aria-hidden />
            {title}…
          </h2>
          <p className="mt-1 text-sm text-muted">
            {phase === "send"
              ? "Valid rows go to the events API in batches of up to 1,000, one at a time; each batch is stored whole or not at all. Keep this page open until it finishes."
              : "Nothing is sent yet: each row is turned into an event and checked with the API’s rules."}
          </p>
        </div>
        <Button variant="secondary" onClick={onCancel} disabled={cancelling}>
          {cancelling ? "Cancelling…" : "Cancel"}
        </Button>
      </div>

      <div className="mt-5">
        <div className="mb-1.5 flex items-baseline justify-between gap-3 text-sm">
          <span className="font-medium tabular-nums text-ink">{percent}%</span>
          <span className="tabular-nums text-muted">
            {totalRows ? `${formatCount(done)} of ${formatCount(totalRows)} rows` : `${formatCount(done)} rows read`}
            {remaining !== null && remaining > 1500 ? ` · about ${formatDuration(remaining)} left` : ""}
          </span>
        </div>
        <div
          role="progressbar"
          aria-label={phase === "send" ? "Import progress" : "Check progress"}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={totalRows ? `${percent}%: ${formatCount(done)} of ${formatCount(totalRows)} rows` : `${percent}%: ${formatCount(done)} rows read`}
          className="h-2.5 overflow-hidden rounded-full bg-subtle ring-1 ring-inset ring-line"
        >
          <div className="h-full rounded-full bg-brand transition-[width] duration-300 ease-out" style={{ width: `${percent}%` }} />
        </div>
      </div>

      {retry ? (
        <p role="status" className="mt-4 flex items-start gap-2 rounded-md bg-warn-soft px-3 py-2 text-sm text-warn">
          <RotateCw className="mt-0.5 size-4 shrink-0" aria-hidden />
          {`Retrying: ${retry.reason}. Attempt ${retry.attempt + 1} in ${formatDuration(retry.delayMs)}. Rows are never stored twice.`}
        </p>
      ) : null}

      <dl className="mt-5 grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat label="Rows per second" value={rate === null ? "—" : formatCount(Math.round(rate))} />
        {phase === "send" ? (
          <>
            <Stat label="Accepted" value={formatCount(counts.accepted)} tone="good" />
            <Stat label="Duplicates" value={formatCount(counts.duplicates)} />
            <Stat label="Not imported" value={formatCount(counts.invalid)} tone={counts.invalid > 0 ? "bad" : undefined} />
          </>
        ) : (
          <>
            <Stat label="Rows read" value={formatCount(counts.rows)} />
            <Stat label="Valid" value={formatCount(counts.valid)} tone="good" />
            <Stat label="With problems" value={formatCount(counts.invalid)} tone={counts.invalid > 0 ? "bad" : undefined} />
          </>
        )}
      </dl>
    </Card>
  );
}
