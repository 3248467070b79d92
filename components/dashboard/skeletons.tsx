import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";
import { KpiCardSkeleton } from "./kpi-card";

function HeaderSkeleton() {
  return (
    <div className="mb-6 space-y-2">
      <Skeleton className="h-8 w-56" />
      <Skeleton className="h-4 w-96 max-w-full" />
    </div>
  );
}

function FilterSkeleton() {
  return <Skeleton className="h-[62px] w-full rounded-lg" />;
}

export function OverviewSkeleton() {
  return (
    <LoadingRegion label="Loading the overview…">
      <HeaderSkeleton />
      <FilterSkeleton />
      <div className="mt-5 grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        {Array.from({ length: 6 }, (_, i) => (
          <KpiCardSkeleton key={i} />
        ))}
      </div>
      <Skeleton className="mt-6 h-80 w-full rounded-lg" />
    </LoadingRegion>
  );
}

export function FunnelsSkeleton() {
  return (
    <LoadingRegion label="Loading the funnels…">
      <HeaderSkeleton />
      <FilterSkeleton />
      <div className="mt-5 grid gap-4 md:grid-cols-2 xl:grid-cols-5">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-96 rounded-lg" />
        ))}
      </div>
    </LoadingRegion>
  );
}

export function TablePageSkeleton({ label }: { label: string }) {
  return (
    <LoadingRegion label={label}>
      <HeaderSkeleton />
      <FilterSkeleton />
      <Skeleton className="mt-5 h-72 w-full rounded-lg" />
      <div className="mt-6 space-y-2">
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} className="h-9 w-full" />
        ))}
      </div>
    </LoadingRegion>
  );
}
