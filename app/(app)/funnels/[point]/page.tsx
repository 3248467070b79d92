import type { Metadata } from "next";
import { HydrationBoundary } from "@tanstack/react-query";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { DashboardProvider } from "@/components/dashboard/dashboard-provider";
import { PointFunnel } from "@/components/dashboard/point-funnel";
import { TablePageSkeleton } from "@/components/dashboard/skeletons";
import { INTERVENTION_POINTS, INTERVENTION_POINT_NAMES, type InterventionPoint } from "@/lib/domain";
import { journeyFilters } from "@/lib/dashboard/filters";
import { type DashboardServer, loadDashboard } from "@/lib/dashboard/prefetch";
import { loadFilters } from "@/lib/dashboard/url-state";

type Params = Promise<{ point: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function pointOf(value: string): InterventionPoint | null {
  return (INTERVENTION_POINTS as readonly string[]).includes(value) ? (value as InterventionPoint) : null;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const point = pointOf((await params).point);
  return { title: point ? `${INTERVENTION_POINT_NAMES[point]} funnel` : "Funnel" };
}

export default async function PointFunnelPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const dashboard = await loadDashboard();
  const point = pointOf((await params).point);
  if (!point) notFound();
  return (
    <Suspense fallback={<TablePageSkeleton label="Loading the funnel…" />}>
      <PointFunnelWithData dashboard={dashboard} point={point} searchParams={searchParams} />
    </Suspense>
  );
}

async function PointFunnelWithData({ dashboard, point, searchParams }: { dashboard: DashboardServer; point: InterventionPoint; searchParams: SearchParams }) {
  const { environment, prefetch } = dashboard;
  const filters = journeyFilters(await loadFilters(searchParams), environment.today, environment.asOf, point);
  // The trend chart renders in the browser only, so its series is fetched there (as on the overview).
  await Promise.all([
    prefetch.funnel({ ...filters, breakdown: "callType" }),
    prefetch.funnel({ ...filters, breakdown: "channel" }),
    prefetch.callTypes(),
  ]);
  return (
    <HydrationBoundary state={dashboard.dehydrated()}>
      <DashboardProvider environment={environment}>
        <PointFunnel point={point} />
      </DashboardProvider>
    </HydrationBoundary>
  );
}
