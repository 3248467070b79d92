import { CircleAlert, CircleCheck, CircleMinus } from "lucide-react";
import { Card, CardHeader } from "@/components/ui/card";
import type { FileKind } from "@/lib/import/columns";
import type { IncomingEvent } from "@/lib/events/schema";
import type { RowResult } from "@/lib/import/mapping";
import { cn } from "@/lib/ui/cn";
import { formatInZone } from "./format";

/** The first rows of the file as the events they will become, or why they cannot. */
export function EventPreview({ rows, kind, timeZone }: { rows: { row: number; result: RowResult }[]; kind: FileKind; timeZone: string }) {
  const shown = rows.filter((item) => item.result.status !== "empty" && item.result.status !== "blank").map(({ row, result }) => ({ row, result: shownResult(result) }));
  const valid = shown.filter((item) => item.result.status === "valid").length;
  const eventFile = kind !== "call_log";
  return (
    <Card>
      <CardHeader
        title="Preview"
        description={`The first ${shown.length} rows as events, with times shown in ${timeZone} and as stored (UTC).`}
        actions={
          shown.length > 0 ? (
            <span className={cn("rounded-full px-2.5 py-1 text-xs font-medium", valid === shown.length ? "bg-good-soft text-good" : "bg-warn-soft text-warn")}>
              {valid} of {shown.length} valid
            </span>
          ) : null
        }
      />
      {shown.length === 0 ? (
        <p className="px-5 py-8 text-center text-sm text-muted">The file has a header row but no data rows.</p>
      ) : (
        <>
        <ul className="divide-y divide-line md:hidden" aria-label="Preview of the first rows as events">
          {shown.map(({ row, result }) => (
            <li key={row} className={cn("px-5 py-3 text-sm", result.status === "invalid" && "bg-bad-soft/40")}>
              {result.status === "valid" ? (
                <>
                  <p className="flex items-center gap-2">
                    <CircleCheck className="size-4 text-good" aria-label="valid" />
                    <span className="font-semibold tabular-nums text-ink">Row {row}</span>
                    <code className={cn("rounded px-1.5 py-0.5 font-mono text-xs", result.event.type === "call.abandoned" ? "bg-warn-soft text-warn" : "bg-brand-soft text-brand")}>{result.typeLabel}</code>
                  </p>
                  <p className="mt-1.5 tabular-nums text-ink">
                    {formatInZone(result.event.occurredAt, timeZone)} <span className="text-xs text-muted">({result.event.occurredAt.replace(".000Z", "Z")})</span>
                  </p>
                  {result.adjustment ? <p className="text-xs text-warn">{result.adjustment === "gap" ? "Skipped by the DST change: moved 1 h later" : "Repeated by the DST change: first one"}</p> : null}
                  <p className="mt-1 break-all font-mono text-xs text-ink-2">
                    {[result.customerLabel, result.event.callType, eventFile ? result.event.journey : undefined, eventFile ? result.event.point : undefined, eventFile ? result.event.channel : undefined].filter(Boolean).join(" · ")}
                  </p>
                  {result.event.attributes ? <p className="mt-1 line-clamp-2 break-all font-mono text-xs text-muted">{JSON.stringify(result.event.attributes)}</p> : null}
                </>
              ) : result.status === "skipped" ? (
                <p className="flex items-center gap-2 text-muted">
                  <CircleMinus className="size-4" aria-label="skipped" />
                  <span className="font-semibold tabular-nums">Row {row}</span> skipped: {result.reason}
                </p>
              ) : result.status === "invalid" ? (
                <>
                  <p className="flex items-center gap-2 font-semibold text-bad">
                    <CircleAlert className="size-4" aria-label="has problems" />
                    Row {row}
                  </p>
                  <ul className="mt-1 space-y-1 text-bad">
                    {result.errors.map((error, index) => (
                      <li key={index}>
                        <span className="font-medium">{error.column || "Row"}</span>: {error.message}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </li>
          ))}
        </ul>
        <div className="hidden overflow-x-auto md:block">
          <table className="w-full min-w-[52rem] text-left text-sm">
            <caption className="sr-only">Preview of the first rows as events</caption>
            <thead>
              <tr className="border-b border-line bg-subtle/60 text-xs uppercase tracking-wide text-muted">
                <th scope="col" className="sticky left-0 bg-subtle px-4 py-2 font-medium">Row</th>
                <th scope="col" className="px-3 py-2 font-medium">Type</th>
                <th scope="col" className="px-3 py-2 font-medium">Time</th>
                <th scope="col" className="px-3 py-2 font-medium">Customer</th>
                <th scope="col" className="px-3 py-2 font-medium">Call type</th>
                {eventFile ? <th scope="col" className="px-3 py-2 font-medium">Journey · point · channel</th> : null}
                <th scope="col" className="px-3 py-2 font-medium">Attributes</th>
                <th scope="col" className="px-3 py-2 font-medium">Event id</th>
              </tr>
            </thead>
            <tbody>
              {shown.map(({ row, result }) =>
                result.status === "valid" ? (
                  <tr key={row} className="border-b border-line align-top last:border-0">
                    <th scope="row" className="sticky left-0 bg-surface px-4 py-2.5 font-normal">
                      <span className="inline-flex items-center gap-1.5 tabular-nums text-ink-2">
                        <CircleCheck className="size-4 text-good" aria-label="valid" />
                        {row}
                      </span>
                    </th>
                    <td className="px-3 py-2.5">
                      <code className={cn("rounded px-1.5 py-0.5 font-mono text-xs", result.event.type === "call.abandoned" ? "bg-warn-soft text-warn" : "bg-brand-soft text-brand")}>{result.typeLabel}</code>
                    </td>
                    <td className="whitespace-nowrap px-3 py-2.5">
                      <span className="block tabular-nums text-ink">{formatInZone(result.event.occurredAt, timeZone)}</span>
                      <span className="block text-xs tabular-nums text-muted">{result.event.occurredAt.replace(".000Z", "Z")}</span>
                      {result.adjustment ? (
                        <span className="mt-0.5 block text-xs text-warn">{result.adjustment === "gap" ? "Skipped by the DST change: moved 1 h later" : "Repeated by the DST change: first one"}</span>
                      ) : null}
                    </td>
                    <td className="max-w-40 truncate px-3 py-2.5 font-mono text-xs text-ink-2" title={result.customerLabel}>
                      {result.customerLabel}
                    </td>
                    <td className="px-3 py-2.5 font-mono text-xs text-ink-2">{result.event.callType ?? <span className="text-faint">—</span>}</td>
                    {eventFile ? (
                      <td className="px-3 py-2.5 text-xs text-ink-2">
                        {[result.event.journey, result.event.point, result.event.channel].map((value) => value ?? "—").join(" · ")}
                      </td>
                    ) : null}
                    <td className="max-w-64 px-3 py-2.5 font-mono text-xs text-ink-2">
                      {result.event.attributes ? <span className="line-clamp-2 break-all">{JSON.stringify(result.event.attributes)}</span> : <span className="text-faint">—</span>}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2.5 font-mono text-xs text-muted" title={result.event.id}>
                      {result.event.id.length > 16 ? `${result.event.id.slice(0, 16)}…` : result.event.id}
                    </td>
                  </tr>
                ) : result.status === "skipped" ? (
                  <tr key={row} className="border-b border-line bg-subtle/50 align-top last:border-0">
                    <th scope="row" className="sticky left-0 bg-subtle px-4 py-2.5 font-normal">
                      <span className="inline-flex items-center gap-1.5 tabular-nums text-muted">
                        <CircleMinus className="size-4" aria-label="skipped" />
                        {row}
                      </span>
                    </th>
                    <td colSpan={eventFile ? 7 : 6} className="px-3 py-2.5 text-sm text-muted">
                      Skipped: {result.reason}
                    </td>
                  </tr>
                ) : result.status === "invalid" ? (
                  <tr key={row} className="border-b border-line bg-bad-soft/40 align-top last:border-0">
                    <th scope="row" className="sticky left-0 bg-bad-soft px-4 py-2.5 font-normal">
                      <span className="inline-flex items-center gap-1.5 tabular-nums text-bad">
                        <CircleAlert className="size-4" aria-label="has problems" />
                        {row}
                      </span>
                    </th>
                    <td colSpan={eventFile ? 7 : 6} className="px-3 py-2.5">
                      <ul className="space-y-0.5 text-sm text-bad">
                        {result.errors.map((error, index) => (
                          <li key={index}>
                            <span className="font-medium">{error.column || "Row"}</span>
                            {error.field && error.field !== error.column ? <span className="text-bad"> ({error.field})</span> : null}: {error.message}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ) : null,
              )}
            </tbody>
          </table>
        </div>
        </>
      )}
    </Card>
  );
}

type ShownResult = Exclude<RowResult, { status: "valid" }> | (Extract<RowResult, { status: "valid" }> & { event: IncomingEvent; typeLabel: string; customerLabel: string });

/**
 * A row's result as the preview shows it: a bot conversation's events as one line (its ending
 * event, with both types named), and a customer phone masked — the key is made on the server.
 */
function shownResult(result: RowResult): ShownResult {
  if (result.status !== "valid") return result;
  const event = result.events[result.events.length - 1];
  const customerLabel = event.customer ?? `phone ${maskE164(event.customerPhone ?? "")} → key`;
  return { ...result, event, typeLabel: result.events.map((each) => each.type).join(" + "), customerLabel };
}

/** "+14155550100" → "+1415•••0100": enough to recognise a row, not to dial. */
function maskE164(e164: string): string {
  return e164.length > 8 ? `${e164.slice(0, 5)}•••${e164.slice(-4)}` : "•••";
}
