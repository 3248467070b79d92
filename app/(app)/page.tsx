import type { Metadata } from "next";
import { HydrationBoundary } from "@tanstack/react-query";
import { Suspense } from "react";
import { DashboardProvider } from "@/components/dashboard/dashboard-provider";
import { Overview } from "@/components/dashboard/overview";
import { OverviewSkeleton } from "@/components/dashboard/skeletons";
import { journeyFilters } from "@/lib/dashboard/filters";
import { type DashboardServer, loadDashboard } from "@/lib/dashboard/prefetch";
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
  // The headline numbers and the points table are in the first paint. Their changes against the
  // previous period, and the trend (a chart drawn in the browser only, ADR 012), are fetched by the
  // browser right after: each is a query as costly as the first, and the page must answer fast.
  await Promise.all([prefetch.funnel({ ...filters, breakdown: "callType" }), prefetch.callTypes()]);
  return (
    <HydrationBoundary state={dashboard.dehydrated()}>
      <DashboardProvider environment={environment}>
        <Overview workspaceName={dashboard.user.workspaceName} />
      </DashboardProvider>
    </HydrationBoundary>
  );
}
