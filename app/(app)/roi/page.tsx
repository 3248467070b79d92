import type { Metadata } from "next";
import { HydrationBoundary } from "@tanstack/react-query";
import { Suspense } from "react";
import { DashboardProvider } from "@/components/dashboard/dashboard-provider";
import { RoiView } from "@/components/dashboard/roi-view";
import { TablePageSkeleton } from "@/components/dashboard/skeletons";
import { roiParams } from "@/lib/dashboard/filters";
import { type DashboardServer, loadDashboard } from "@/lib/dashboard/prefetch";
import { loadRoiFilters } from "@/lib/dashboard/url-state";

export const metadata: Metadata = { title: "ROI" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function RoiPage({ searchParams }: { searchParams: SearchParams }) {
  const dashboard = await loadDashboard();
  return (
    <Suspense fallback={<TablePageSkeleton label="Loading ROI…" />}>
      <RoiWithData dashboard={dashboard} searchParams={searchParams} />
    </Suspense>
  );
}

async function RoiWithData({ dashboard, searchParams }: { dashboard: DashboardServer; searchParams: SearchParams }) {
  const { environment, prefetch } = dashboard;
  const params = roiParams(await loadRoiFilters(searchParams), environment.today, environment.asOf);
  await Promise.all([prefetch.roi(params), prefetch.callTypes()]);
  return (
    <HydrationBoundary state={dashboard.dehydrated()}>
      <DashboardProvider environment={environment}>
        <RoiView />
      </DashboardProvider>
    </HydrationBoundary>
  );
}
