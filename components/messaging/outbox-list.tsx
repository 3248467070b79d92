import { Badge } from "@/components/ui/badge";
import { ERROR_CODE_LABELS, MESSAGE_STATUS_LABELS, POINT_SHORT_NAMES } from "@/lib/telephony/labels";

export interface OutboxRow {
  id: string;
  point: string;
  requested: boolean;
  /** The text as sent, its chat link shown without the token. */
  text: string;
  encoding: string;
  segments: number;
  cost: string;
  maskedTo: string;
  status: string;
  errorCode: string | null;
  createdAt: string;
  createdLabel: string;
  /** "Held until 08:00" and the like, already in the workspace time zone. */
  statusNote: string | null;
}

function Status({ row }: { row: OutboxRow }) {
  const status = MESSAGE_STATUS_LABELS[row.status] ?? { label: row.status, tone: "neutral" as const, help: "" };
  return (
    <div className="space-y-0.5">
      <Badge tone={status.tone}>{status.label}</Badge>
      {row.statusNote ? <p className="text-xs text-muted">{row.statusNote}</p> : null}
      {row.errorCode ? <p className="text-xs text-bad">{ERROR_CODE_LABELS[row.errorCode] ?? `Error ${row.errorCode}`}</p> : null}
    </div>
  );
}

const why = (row: OutboxRow) => `${POINT_SHORT_NAMES[row.point] ?? row.point} · ${row.requested ? "asked for by key press" : "unrequested"}`;

/** Every message, newest first: a table on wide screens, one card per message on a phone. */
export function OutboxList({ rows }: { rows: OutboxRow[] }) {
  return (
    <>
      <div className="hidden md:block">
        <table className="w-full text-sm">
          <caption className="sr-only">Messages, newest first</caption>
          <thead>
            <tr className="border-b border-line text-left text-xs uppercase tracking-wide text-muted">
              <th scope="col" className="px-5 py-2.5 font-medium">When</th>
              <th scope="col" className="py-2.5 pr-4 font-medium">To</th>
              <th scope="col" className="py-2.5 pr-4 font-medium">Message</th>
              <th scope="col" className="py-2.5 pr-4 font-medium">Status</th>
              <th scope="col" className="py-2.5 pr-4 text-right font-medium">Segments</th>
              <th scope="col" className="py-2.5 pr-5 text-right font-medium">Cost</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-b border-line align-top last:border-0">
                <td className="whitespace-nowrap px-5 py-3 tabular-nums text-ink-2">
                  <time dateTime={row.createdAt}>{row.createdLabel}</time>
                </td>
                <td className="whitespace-nowrap py-3 pr-4 font-mono text-xs text-ink">{row.maskedTo}</td>
                <td className="py-3 pr-4">
                  <p className="max-w-md break-words text-ink">{row.text}</p>
                  <p className="mt-0.5 text-xs text-muted">{why(row)}</p>
                </td>
                <td className="py-3 pr-4">
                  <Status row={row} />
                </td>
                <td className="whitespace-nowrap py-3 pr-4 text-right tabular-nums text-ink-2">
                  {row.segments} <span className="text-xs text-muted">{row.encoding}</span>
                </td>
                <td className="whitespace-nowrap py-3 pr-5 text-right tabular-nums text-ink-2">{row.cost}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="divide-y divide-line md:hidden" aria-label="Messages, newest first">
        {rows.map((row) => (
          <li key={row.id} className="space-y-2 px-4 py-4">
            <div className="flex items-start justify-between gap-3">
              <div>
                <p className="font-mono text-xs text-ink">{row.maskedTo}</p>
                <p className="text-xs tabular-nums text-muted">
                  <time dateTime={row.createdAt}>{row.createdLabel}</time>
                </p>
              </div>
              <Status row={row} />
            </div>
            <p className="break-words text-sm text-ink">{row.text}</p>
            <p className="text-xs text-muted">
              {why(row)} · {row.segments} {row.segments === 1 ? "segment" : "segments"} {row.encoding} · {row.cost}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
