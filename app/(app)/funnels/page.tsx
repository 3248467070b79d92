import type { Metadata } from "next";
import { HydrationBoundary } from "@tanstack/react-query";
import { Suspense } from "react";
import { DashboardProvider } from "@/components/dashboard/dashboard-provider";
import { FunnelsOverview } from "@/components/dashboard/funnels-overview";
import { FunnelsSkeleton } from "@/components/dashboard/skeletons";
import { journeyFilters } from "@/lib/dashboard/filters";
import { type DashboardServer, loadDashboard } from "@/lib/dashboard/prefetch";
import { loadFilters } from "@/lib/dashboard/url-state";

export const metadata: Metadata = { title: "Funnels" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function FunnelsPage({ searchParams }: { searchParams: SearchParams }) {
  const dashboard = await loadDashboard();
  return (
    <Suspense fallback={<FunnelsSkeleton />}>
      <FunnelsWithData dashboard={dashboard} searchParams={searchParams} />
    </Suspense>
  );
}

async function FunnelsWithData({ dashboard, searchParams }: { dashboard: DashboardServer; searchParams: SearchParams }) {
  const { environment, prefetch } = dashboard;
  const { point: _all, ...filters } = journeyFilters(await loadFilters(searchParams), environment.today, environment.asOf);
  await Promise.all([prefetch.funnel(filters), prefetch.callTypes()]);
  return (
    <HydrationBoundary state={dashboard.dehydrated()}>
      <DashboardProvider environment={environment}>
        <FunnelsOverview />
      </DashboardProvider>
    </HydrationBoundary>
  );
}
