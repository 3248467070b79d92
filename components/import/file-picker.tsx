"use client";

import { CircleAlert, Download, FileSpreadsheet, LoaderCircle, Upload } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { FILE_KINDS } from "@/lib/import/columns";
import { TEMPLATES } from "@/lib/import/report";

const TEMPLATE_NAMES = { call_log: "call-log-template", event_file: "event-file-template", bot_export: "bot-conversations-template" } as const;
import { cn } from "@/lib/ui/cn";
import { downloadText } from "./format";

/** The empty state: a drop zone that is also a keyboard-usable file input, and what the import does. */
export function FilePicker({ onFile, reading, error }: { onFile: (file: File) => void; reading: boolean; error: string | null }) {
  const inputId = useId();
  const [dragging, setDragging] = useState(false);

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
      <Card>
        <CardHeader title="Upload a CSV file" description="Comma, semicolon or tab separated, with a header row. The file is read in your browser; only valid rows are sent." />
        <div className="p-5">
          <label
            htmlFor={inputId}
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(event) => {
              event.preventDefault();
              setDragging(false);
              const file = event.dataTransfer.files[0];
              if (file) onFile(file);
            }}
            className={cn(
              "flex min-h-56 cursor-pointer flex-col items-center justify-center gap-3 rounded-lg border-2 border-dashed px-6 py-10 text-center transition-colors",
              "focus-within:border-brand focus-within:ring-2 focus-within:ring-brand/20",
              dragging ? "border-brand bg-brand-soft" : "border-line-strong bg-subtle/60 hover:border-brand/60 hover:bg-brand-soft/50",
            )}
          >
            {reading ? (
              <LoaderCircle className="size-9 animate-spin text-brand" aria-hidden />
            ) : (
              <span className="grid size-12 place-items-center rounded-full bg-surface shadow-sm ring-1 ring-line">
                <Upload className="size-5 text-brand" aria-hidden />
              </span>
            )}
            <span className="text-[15px] font-medium text-ink">{reading ? "Reading the first rows…" : "Drop a CSV file here, or choose one"}</span>
            <span className="max-w-md text-sm text-muted">Large files are fine: a 100,000-row call log is streamed, never loaded whole.</span>
            <span className="mt-1 inline-flex h-9 items-center rounded-md border border-line-strong bg-surface px-4 text-sm font-medium text-ink shadow-sm">Choose file</span>
            <input
              id={inputId}
              type="file"
              accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
              aria-label="CSV file to import"
              className="sr-only"
              disabled={reading}
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = "";
                if (file) onFile(file);
              }}
            />
          </label>
          {error ? (
            <p role="alert" className="mt-4 flex items-start gap-2 rounded-md bg-bad-soft px-3 py-2 text-sm text-bad">
              <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
              {error}
            </p>
          ) : null}
        </div>
      </Card>

      <Card className="h-fit">
        <CardHeader title="Three kinds of file" description="Exports of Twilio, Amazon Connect, Genesys Cloud and chatbots are recognised by their header row." />
        <ul className="divide-y divide-line">
          {(Object.keys(FILE_KINDS) as (keyof typeof FILE_KINDS)[]).map((kind) => (
            <li key={kind} className="flex gap-3 px-5 py-4">
              <FileSpreadsheet className="mt-0.5 size-5 shrink-0 text-muted" aria-hidden />
              <div className="min-w-0">
                <p className="text-sm font-medium text-ink">{FILE_KINDS[kind].label}</p>
                <p className="mt-0.5 text-sm text-muted">{FILE_KINDS[kind].description}</p>
                <Button
                  variant="ghost"
                  size="sm"
                  className="-ml-3 mt-1 text-brand"
                  onClick={() => downloadText(`${TEMPLATE_NAMES[kind]}.csv`, `${TEMPLATES[kind]}\n`)}
                >
                  <Download className="size-4" aria-hidden />
                  {FILE_KINDS[kind].label} template
                </Button>
              </div>
            </li>
          ))}
        </ul>
        <div className="space-y-2 border-t border-line px-5 py-4 text-sm text-muted">
          <p>
            <span className="font-medium text-ink-2">Safe to repeat.</span> Rows without an id get one derived from their content, so a file imported twice is
            stored once; the second time its rows count as duplicates.
          </p>
          <p>
            <span className="font-medium text-ink-2">No personal data stored.</span> A column of phone numbers is imported as the customer phone: the server
            turns each number into the workspace&apos;s customer key and keeps nothing else of it. Phone numbers or e-mail addresses in any other column are refused.
          </p>
        </div>
      </Card>
    </div>
  );
}
