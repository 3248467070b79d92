"use client";

import { Copy } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** A secret the server will never show again (an API key, an invitation link), with a copy button. */
export function ShownOnce({ label, value, copyLabel, testId, note }: { label: string; value: string; copyLabel: string; testId: string; note?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="rounded-md border border-warn/40 bg-warn-soft p-3">
      <p className="text-xs font-medium text-warn">{label}</p>
      <div className="mt-1 flex items-center gap-2">
        <code className="min-w-0 flex-1 break-all font-mono text-xs text-ink" data-testid={testId}>
          {value}
        </code>
        <Button size="sm" variant="secondary" onClick={() => void navigator.clipboard?.writeText(value).then(() => setCopied(true))} aria-label={copyLabel}>
          <Copy className="size-3.5" aria-hidden /> {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      {note ? <p className="mt-1.5 text-xs text-ink-2">{note}</p> : null}
    </div>
  );
}
