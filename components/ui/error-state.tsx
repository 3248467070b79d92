"use client";

import { TriangleAlert } from "lucide-react";
import { cn } from "@/lib/ui/cn";
import { Button } from "./button";

/** A failed load: what happened, that nothing changed, and a retry. Announced to screen readers. */
export function ErrorState({ title = "These numbers could not be loaded", error, onRetry, className }: { title?: string; error?: unknown; onRetry?: () => void; className?: string }) {
  const message = error instanceof Error ? error.message : undefined;
  return (
    <div role="alert" className={cn("flex flex-col items-center justify-center px-6 py-10 text-center", className)}>
      <TriangleAlert className="size-6 text-bad" aria-hidden />
      <p className="mt-2 text-sm font-semibold text-ink">{title}</p>
      <p className="mt-1 max-w-md text-sm text-muted">{message ?? "The server did not answer."} Nothing was changed.</p>
      {onRetry ? (
        <Button variant="secondary" size="sm" className="mt-4" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}
