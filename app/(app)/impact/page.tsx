import type { Metadata } from "next";
import { HydrationBoundary } from "@tanstack/react-query";
import { Suspense } from "react";
import { DashboardProvider } from "@/components/dashboard/dashboard-provider";
import { ImpactView } from "@/components/dashboard/impact-view";
import { TablePageSkeleton } from "@/components/dashboard/skeletons";
import { getIncrementality } from "@/db/queries/incrementality";
import { getDb } from "@/db";
import { impactKey, impactParams, loadImpactFilters } from "@/lib/dashboard/impact";
import { type DashboardServer, loadDashboard } from "@/lib/dashboard/prefetch";

export const metadata: Metadata = { title: "Impact" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ImpactPage({ searchParams }: { searchParams: SearchParams }) {
  const dashboard = await loadDashboard();
  return (
    <Suspense fallback={<TablePageSkeleton label="Loading the impact of each offer…" />}>
      <ImpactWithData dashboard={dashboard} searchParams={searchParams} />
    </Suspense>
  );
}

async function ImpactWithData({ dashboard, searchParams }: { dashboard: DashboardServer; searchParams: SearchParams }) {
  const { environment, queryClient, user, settings } = dashboard;
  const params = impactParams(await loadImpactFilters(searchParams), environment.today, environment.asOf);
  const db = await getDb();
  // The same read the browser makes through the API, under the same key (lib/dashboard/impact.ts).
  await queryClient.prefetchQuery({ queryKey: impactKey(params), queryFn: () => getIncrementality(db, user.workspaceId, settings, params) });
  return (
    <HydrationBoundary state={dashboard.dehydrated()}>
      <DashboardProvider environment={environment}>
        <ImpactView />
      </DashboardProvider>
    </HydrationBoundary>
  );
}
