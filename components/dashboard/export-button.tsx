"use client";

import { Download, LoaderCircle } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { MetricsRequestError } from "@/lib/dashboard/api";

/**
 * "Export CSV": runs `onExport` (which builds and saves the file) and shows that it is working;
 * when the server refuses (say, more journeys than one export holds), shows what it said.
 */
export function ExportButton({ onExport, label = "Export CSV", disabled, className }: { onExport: () => Promise<void>; label?: string; disabled?: boolean; className?: string }) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant="secondary"
        size="sm"
        className={className}
        disabled={disabled || busy}
        onClick={async () => {
          setBusy(true);
          setFailure(null);
          try {
            await onExport();
          } catch (error) {
            setFailure(error instanceof MetricsRequestError ? error.message : "The export failed; try again.");
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? <LoaderCircle className="size-4 animate-spin" aria-hidden /> : <Download className="size-4" aria-hidden />}
        {label}
      </Button>
      {failure ? (
        <span role="alert" className="max-w-sm text-xs text-bad">
          {failure}
        </span>
      ) : null}
    </span>
  );
}
