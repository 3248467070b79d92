import type { Metadata } from "next";
import { HydrationBoundary } from "@tanstack/react-query";
import { Suspense } from "react";
import { DashboardProvider } from "@/components/dashboard/dashboard-provider";
import { Overview } from "@/components/dashboard/overview";
import { OverviewSkeleton } from "@/components/dashboard/skeletons";
import { journeyFilters } from "@/lib/dashboard/filters";
import { type DashboardServer, loadDashboard } from "@/lib/dashboard/prefetch";
import { previousPeriod } from "@/lib/dashboard/period";
import { loadFilters } from "@/lib/dashboard/url-state";

export const metadata: Metadata = { title: "Overview" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function OverviewPage({ searchParams }: { searchParams: SearchParams }) {
  const dashboard = await loadDashboard();
  return (
    <Suspense fallback={<OverviewSkeleton />}>
      <OverviewWithData dashboard={dashboard} searchParams={searchParams} />
    </Suspense>
  );
}

async function OverviewWithData({ dashboard, searchParams }: { dashboard: DashboardServer; searchParams: SearchParams }) {
  const { environment, prefetch } = dashboard;
  const filters = journeyFilters(await loadFilters(searchParams), environment.today, environment.asOf);
  // The headline numbers, their changes and the points table are in the first paint. The trend
  // chart renders in the browser only (ADR 012), so its series is fetched there, while the chart's
  // code loads, instead of delaying this response.
  await Promise.all([
    prefetch.funnel({ ...filters, breakdown: "callType" }),
    prefetch.funnel({ ...filters, ...previousPeriod(filters), breakdown: "callType" }),
    prefetch.callTypes(),
  ]);
  return (
    <HydrationBoundary state={dashboard.dehydrated()}>
      <DashboardProvider environment={environment}>
        <Overview workspaceName={dashboard.user.workspaceName} />
      </DashboardProvider>
    </HydrationBoundary>
  );
}
