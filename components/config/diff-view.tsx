import { type FieldChange, formatValue, textDiff } from "@/lib/config/diff";
import { cn } from "@/lib/ui/cn";

/** Long texts (bodies, prompts) are compared word by word; short values as before → after. */
function isProse(value: unknown): value is string {
  return typeof value === "string" && (value.length > 40 || /\s/.test(value.trim()));
}

export function DiffView({
  changes,
  empty = "No differences.",
  labelFor,
  valueFor,
}: {
  changes: FieldChange[];
  empty?: string;
  /** Overrides the label of a path, e.g. to name the SMS template instead of its id. */
  labelFor?: (change: FieldChange) => string | undefined;
  valueFor?: (path: string, value: unknown) => string | undefined;
}) {
  if (changes.length === 0) return <p className="text-sm text-muted">{empty}</p>;
  const show = (path: string, value: unknown) => valueFor?.(path, value) ?? formatValue(value);
  return (
    <dl className="divide-y divide-line rounded-md border border-line">
      {changes.map((change) => (
        <div key={change.path} className="grid gap-1 px-3 py-2.5 text-sm sm:grid-cols-[11rem_1fr] sm:gap-3">
          <dt className="font-medium text-ink-2">
            {labelFor?.(change) ?? change.label}
            {change.kind !== "changed" ? <span className="ml-1.5 text-xs font-normal text-muted">({change.kind})</span> : null}
          </dt>
          <dd className="min-w-0 break-words">
            {change.itemsAdded || change.itemsRemoved ? (
              <span className="flex flex-wrap gap-1">
                {change.itemsRemoved?.map((item) => (
                  <span key={`-${item}`} className="rounded bg-bad-soft px-1.5 py-0.5 text-xs text-bad line-through" title="removed">
                    − {item}
                  </span>
                ))}
                {change.itemsAdded?.map((item) => (
                  <span key={`+${item}`} className="rounded bg-good-soft px-1.5 py-0.5 text-xs text-good" title="added">
                    + {item}
                  </span>
                ))}
                {change.itemsAdded?.length === 0 && change.itemsRemoved?.length === 0 ? <span className="text-xs text-muted">Same items, new order</span> : null}
              </span>
            ) : change.kind === "changed" && isProse(change.before) && isProse(change.after) ? (
              <p className="whitespace-pre-wrap leading-relaxed">
                {textDiff(change.before, change.after).map((piece, index) =>
                  piece.kind === "same" ? (
                    <span key={index}>{piece.text}</span>
                  ) : piece.kind === "added" ? (
                    <ins key={index} className="rounded-sm bg-good-soft text-good no-underline">
                      {piece.text}
                    </ins>
                  ) : (
                    <del key={index} className="rounded-sm bg-bad-soft text-bad">
                      {piece.text}
                    </del>
                  ),
                )}
              </p>
            ) : (
              <span className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
                {change.kind !== "added" ? <del className={cn("text-bad decoration-bad/50", change.kind === "removed" && "")}>{show(change.path, change.before)}</del> : null}
                {change.kind === "changed" ? <span aria-hidden className="text-faint">→</span> : null}
                {change.kind !== "removed" ? <ins className="text-good no-underline">{show(change.path, change.after)}</ins> : null}
              </span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
