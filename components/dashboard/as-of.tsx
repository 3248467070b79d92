"use client";

import { LoaderCircle, RefreshCw } from "lucide-react";
import { formatInstant } from "@/lib/dashboard/format";
import { cn } from "@/lib/ui/cn";
import { useDashboard } from "./dashboard-provider";

/**
 * The line under the filters: what period the numbers cover, what they are compared with, and
 * the instant they were computed at, with a way to recompute them now.
 */
export function AsOfLine({ children, updating, className }: { children?: React.ReactNode; updating?: boolean; className?: string }) {
  const { asOf, timeZone, refresh } = useDashboard();
  return (
    <div className={cn("flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted", className)}>
      {children}
      <span>
        Numbers as of{" "}
        <time dateTime={asOf} data-as-of={asOf} className="font-medium text-ink-2">
          {formatInstant(asOf, timeZone)}
        </time>
      </span>
      <button type="button" onClick={refresh} className="inline-flex items-center gap-1 rounded px-1.5 py-0.5 font-medium text-brand hover:bg-brand-soft">
        <RefreshCw className="size-3" aria-hidden />
        Refresh
      </button>
      <span role="status" className="inline-flex items-center gap-1">
        {updating ? (
          <>
            <LoaderCircle className="size-3 animate-spin" aria-hidden />
            Updating…
          </>
        ) : null}
      </span>
    </div>
  );
}
