import type { Metadata } from "next";
import { HydrationBoundary } from "@tanstack/react-query";
import { Suspense } from "react";
import { DashboardProvider } from "@/components/dashboard/dashboard-provider";
import { ParityView } from "@/components/dashboard/parity-view";
import { TablePageSkeleton } from "@/components/dashboard/skeletons";
import { parityParams } from "@/lib/dashboard/filters";
import { type DashboardServer, loadDashboard } from "@/lib/dashboard/prefetch";
import { loadParityFilters } from "@/lib/dashboard/url-state";

export const metadata: Metadata = { title: "Knowledge parity" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ParityPage({ searchParams }: { searchParams: SearchParams }) {
  const dashboard = await loadDashboard();
  return (
    <Suspense fallback={<TablePageSkeleton label="Loading knowledge parity…" />}>
      <ParityWithData dashboard={dashboard} searchParams={searchParams} />
    </Suspense>
  );
}

async function ParityWithData({ dashboard, searchParams }: { dashboard: DashboardServer; searchParams: SearchParams }) {
  const { environment, prefetch } = dashboard;
  const url = await loadParityFilters(searchParams);
  await prefetch.parity(parityParams(url, environment.today, environment.asOf));
  return (
    <HydrationBoundary state={dashboard.dehydrated()}>
      <DashboardProvider environment={environment}>
        <ParityView />
      </DashboardProvider>
    </HydrationBoundary>
  );
}
