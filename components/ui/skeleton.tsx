import { cn } from "@/lib/ui/cn";

/** A grey placeholder block while data loads; hidden from screen readers (the region says it is busy). */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={cn("animate-pulse rounded-md bg-line/80", className)} />;
}

/** Announces loading once for a region of skeletons. */
export function LoadingRegion({ label, className, children }: { label: string; className?: string; children: React.ReactNode }) {
  return (
    <div role="status" aria-busy="true" aria-live="polite" className={className}>
      <span className="sr-only">{label}</span>
      {children}
    </div>
  );
}
