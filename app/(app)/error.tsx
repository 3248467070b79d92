"use client";

import { TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";

export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto mt-16 max-w-md rounded-lg border border-bad/30 bg-surface p-6 text-center">
      <TriangleAlert className="mx-auto size-8 text-bad" aria-hidden />
      <h1 className="mt-3 text-lg font-semibold text-ink">This page could not be loaded</h1>
      <p className="mt-1 text-sm text-muted">Nothing was changed. Try again; if it keeps failing, tell your administrator{error.digest ? ` (reference ${error.digest})` : ""}.</p>
      <Button className="mt-5" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
