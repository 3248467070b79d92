"use client";

import { Download, LoaderCircle } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** "Export CSV": runs `onExport` (which builds and saves the file) and shows that it is working. */
export function ExportButton({ onExport, label = "Export CSV", disabled, className }: { onExport: () => Promise<void>; label?: string; disabled?: boolean; className?: string }) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant="secondary"
        size="sm"
        className={className}
        disabled={disabled || busy}
        onClick={async () => {
          setBusy(true);
          setFailed(false);
          try {
            await onExport();
          } catch {
            setFailed(true);
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? <LoaderCircle className="size-4 animate-spin" aria-hidden /> : <Download className="size-4" aria-hidden />}
        {label}
      </Button>
      {failed ? (
        <span role="alert" className="text-xs text-bad">
          The export failed; try again.
        </span>
      ) : null}
    </span>
  );
}
