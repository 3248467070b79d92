import { Plus } from "lucide-react";
import Link from "next/link";
import { Card } from "@/components/ui/card";

/** Rows that hold the place of a list while it loads. */
export function ListSkeleton({ rows = 4 }: { rows?: number }) {
  return (
    <Card aria-busy="true" className="animate-pulse">
      <span className="sr-only">Loading…</span>
      <div className="border-b border-line px-5 py-4">
        <div className="h-4 w-40 rounded bg-line" />
      </div>
      {Array.from({ length: rows }, (_, index) => (
        <div key={index} className="flex items-center gap-4 border-b border-line px-5 py-4 last:border-0">
          <div className="h-4 flex-1 rounded bg-line/80" />
          <div className="hidden h-4 w-24 rounded bg-line/60 sm:block" />
          <div className="h-5 w-20 rounded bg-line/60" />
        </div>
      ))}
    </Card>
  );
}

/** A page-shaped placeholder for an editor while its item loads. */
export function EditorSkeleton() {
  return (
    <div aria-busy="true" className="animate-pulse space-y-6">
      <span className="sr-only">Loading…</span>
      <div className="h-96 rounded-lg border border-line bg-surface" />
      <div className="h-56 rounded-lg border border-line bg-surface" />
    </div>
  );
}

export function EmptyState({
  icon,
  title,
  children,
  action,
}: {
  icon: React.ReactNode;
  title: string;
  children: React.ReactNode;
  action?: { href: string; label: string };
}) {
  return (
    <Card className="px-6 py-12 text-center">
      <div className="mx-auto grid size-12 place-items-center rounded-full bg-brand-soft text-brand">{icon}</div>
      <h2 className="mt-4 text-base font-semibold text-ink">{title}</h2>
      <div className="mx-auto mt-1 max-w-md text-sm text-muted">{children}</div>
      {action ? (
        <Link href={action.href} className="mt-5 inline-flex h-10 items-center gap-2 rounded-md bg-brand px-4 text-sm font-medium text-white hover:bg-brand-hover">
          <Plus className="size-4" aria-hidden /> {action.label}
        </Link>
      ) : null}
    </Card>
  );
}

export function NewButton({ href, label }: { href: string; label: string }) {
  return (
    <Link href={href} className="inline-flex h-10 items-center gap-2 rounded-md bg-brand px-4 text-sm font-medium text-white hover:bg-brand-hover">
      <Plus className="size-4" aria-hidden /> {label}
    </Link>
  );
}
