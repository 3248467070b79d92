"use client";

import { ChevronLeft, ChevronRight, Download } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import type { RowError } from "@/lib/import/mapping";
import { errorReportCsv, summarizeErrors } from "@/lib/import/report";
import { downloadText, formatCount, plural } from "./format";

const PAGE = 50;

/** Every problem by row and column, grouped by kind, and downloadable as CSV. */
export function ErrorReport({ errors, errorCount, invalidRows, fileName }: { errors: RowError[]; errorCount: number; invalidRows: number; fileName: string }) {
  const [page, setPage] = useState(0);
  if (errors.length === 0) return null;
  const allGroups = summarizeErrors(errors);
  const groups = allGroups.slice(0, 6);
  const pages = Math.ceil(errors.length / PAGE);
  const shown = errors.slice(page * PAGE, page * PAGE + PAGE);
  const reportName = `${fileName.replace(/\.[^.]+$/, "")}-errors.csv`;

  return (
    <Card>
      <CardHeader
        title="Error report"
        description={`${plural(invalidRows, "row")} with ${plural(errorCount, "problem")}. These rows are not imported; fix them in the file and import it again — rows already stored count as duplicates.`}
        actions={
          <Button variant="secondary" size="sm" onClick={() => downloadText(reportName, errorReportCsv(errors, errorCount))}>
            <Download className="size-4" aria-hidden />
            Download error report (CSV)
          </Button>
        }
      />
      {allGroups.length > 1 && allGroups.length < errors.length ? (
        <div className="border-b border-line px-5 py-4">
          <h3 className="text-xs font-medium uppercase tracking-wide text-muted">Most frequent</h3>
          <ul className="mt-2 space-y-1.5 text-sm">
            {groups.map((group) => (
              <li key={`${group.column}-${group.field}-${group.message}`} className="flex gap-3">
                <span className="w-12 shrink-0 text-right font-medium tabular-nums text-bad">{formatCount(group.count)}×</span>
                <span className="min-w-0 text-ink-2">
                  <span className="font-medium text-ink">{group.column || "Row"}</span>: {group.message}
                  <span className="text-muted"> (first in row {group.firstRow})</span>
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ul className="divide-y divide-line md:hidden" aria-label="Problems by row">
        {shown.map((error, index) => (
          <li key={`${error.row}-${index}`} className="px-5 py-3 text-sm">
            <p className="flex flex-wrap items-baseline gap-x-2">
              <span className="font-semibold tabular-nums text-ink">Row {error.row}</span>
              <span className="text-ink-2">{error.column || "whole row"}</span>
              {error.field && error.field !== error.column ? <span className="font-mono text-xs text-muted">{error.field}</span> : null}
            </p>
            <p className="mt-1 text-ink-2">{error.message}</p>
            {error.value ? <p className="mt-1 truncate font-mono text-xs text-muted">{error.value}</p> : null}
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto md:block">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Problems by row</caption>
          <thead>
            <tr className="border-b border-line bg-subtle/60 text-xs uppercase tracking-wide text-muted">
              <th scope="col" className="px-5 py-2 font-medium">Row</th>
              <th scope="col" className="px-3 py-2 font-medium">Column</th>
              <th scope="col" className="px-3 py-2 font-medium">Problem</th>
              <th scope="col" className="px-3 py-2 pr-5 font-medium">Value</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((error, index) => (
              <tr key={`${error.row}-${index}`} className="border-b border-line align-top last:border-0">
                <td className="px-5 py-2 tabular-nums font-medium text-ink">{error.row}</td>
                <td className="px-3 py-2 text-ink-2">
                  {error.column || <span className="text-muted">whole row</span>}
                  {error.field && error.field !== error.column ? <span className="block font-mono text-xs text-muted">{error.field}</span> : null}
                </td>
                <td className="px-3 py-2 text-ink-2">{error.message}</td>
                <td className="max-w-56 truncate px-3 py-2 pr-5 font-mono text-xs text-muted" title={error.value}>
                  {error.value ?? ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 || errorCount > errors.length ? (
        <div className="flex flex-wrap items-center justify-between gap-3 border-t border-line px-5 py-3 text-sm text-muted">
          <span>
            {formatCount(page * PAGE + 1)}–{formatCount(Math.min(errors.length, page * PAGE + PAGE))} of {formatCount(errors.length)}
            {errorCount > errors.length ? ` listed (${formatCount(errorCount)} in all; the first ${formatCount(errors.length)} are kept)` : ""}
          </span>
          <div className="flex gap-2">
            <Button variant="secondary" size="sm" onClick={() => setPage(page - 1)} disabled={page === 0} aria-label="Previous page of problems">
              <ChevronLeft className="size-4" aria-hidden />
            </Button>
            <Button variant="secondary" size="sm" onClick={() => setPage(page + 1)} disabled={page >= pages - 1} aria-label="Next page of problems">
              <ChevronRight className="size-4" aria-hidden />
            </Button>
          </div>
        </div>
      ) : null}
    </Card>
  );
}
