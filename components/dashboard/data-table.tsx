import { ChevronRight } from "lucide-react";
import { cn } from "@/lib/ui/cn";

/**
 * The numbers behind a chart as a real table, one click away: for screen readers, for keyboard
 * users (its counts are links to the journeys) and for anyone who wants the exact values.
 */
export function ChartDataTable({ caption, header, rows, className }: { caption: string; header: string[]; rows: React.ReactNode[][]; className?: string }) {
  return (
    <details className={cn("group border-t border-line", className)}>
      <summary className="flex cursor-pointer list-none items-center gap-1.5 px-5 py-2.5 text-xs font-medium text-muted hover:text-ink [&::-webkit-details-marker]:hidden">
        <ChevronRight className="size-3.5 transition-transform group-open:rotate-90" aria-hidden />
        Show the numbers as a table
      </summary>
      <div className="max-h-96 overflow-auto px-5 pb-4">
        <table className="w-full text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr className="border-b border-line text-left text-xs text-muted">
              {header.map((cell, index) => (
                <th key={cell} scope="col" className={cn("py-2 pr-4 font-medium", index > 0 && "text-right")}>
                  {cell}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, rowIndex) => (
              <tr key={rowIndex} className="border-b border-line/70 last:border-0">
                {row.map((cell, index) =>
                  index === 0 ? (
                    <th key={index} scope="row" className="py-1.5 pr-4 text-left font-normal text-ink-2">
                      {cell}
                    </th>
                  ) : (
                    <td key={index} className="py-1.5 pr-4 text-right tabular-nums">
                      {cell}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
