/** The tooltip box every chart shares: a title and labelled rows with colour keys. */
export interface ChartTooltipRow {
  label: string;
  value: string;
  color?: string;
}

export function ChartTooltipBox({ title, rows, hint }: { title: string; rows: ChartTooltipRow[]; hint?: string }) {
  return (
    <div className="min-w-44 rounded-md border border-line bg-surface px-3 py-2 text-xs shadow-lg">
      <p className="mb-1.5 font-semibold text-ink">{title}</p>
      <dl className="space-y-1">
        {rows.map((row) => (
          <div key={row.label} className="flex items-center justify-between gap-4">
            <dt className="flex items-center gap-1.5 text-muted">
              {row.color ? <span className="size-2.5 rounded-sm" style={{ background: row.color }} aria-hidden /> : null}
              {row.label}
            </dt>
            <dd className="font-medium tabular-nums text-ink">{row.value}</dd>
          </div>
        ))}
      </dl>
      {hint ? <p className="mt-1.5 border-t border-line pt-1.5 text-muted">{hint}</p> : null}
    </div>
  );
}

/** A legend written as HTML, so it wraps on phones and reads well to screen readers. */
export function ChartLegend({ items }: { items: { label: string; color: string; kind?: "bar" | "line" | "faded" }[] }) {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted">
      {items.map((item) => (
        <li key={item.label} className="flex items-center gap-1.5">
          {item.kind === "line" ? (
            <span className="h-0.5 w-4 rounded" style={{ background: item.color }} aria-hidden />
          ) : (
            <span className="size-2.5 rounded-sm" style={{ background: item.color, opacity: item.kind === "faded" ? 0.4 : 1 }} aria-hidden />
          )}
          {item.label}
        </li>
      ))}
    </ul>
  );
}

export const CHART_COLORS = {
  deflected: "var(--color-good)",
  pending: "var(--color-good)",
  bounced: "var(--color-bad)",
  escalated: "var(--color-warn)",
  rate: "var(--color-chart-1)",
  primary: "var(--color-chart-1)",
  secondary: "var(--color-chart-2)",
  tertiary: "var(--color-chart-3)",
  grid: "var(--color-line)",
  axis: "var(--color-faint)",
} as const;

export const AXIS_TICK = { fontSize: 11, fill: "var(--color-muted)" } as const;
