import type { Metadata } from "next";
import { HydrationBoundary } from "@tanstack/react-query";
import { Suspense } from "react";
import { DashboardProvider } from "@/components/dashboard/dashboard-provider";
import { JourneysView } from "@/components/dashboard/journeys-view";
import { TablePageSkeleton } from "@/components/dashboard/skeletons";
import { journeyFilters } from "@/lib/dashboard/filters";
import { type DashboardServer, loadDashboard } from "@/lib/dashboard/prefetch";
import { loadJourneysFilters } from "@/lib/dashboard/url-state";

export const metadata: Metadata = { title: "Journeys" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The journeys behind any number on the dashboards (a drill-down lands here with the number's filters). */
export default async function JourneysPage({ searchParams }: { searchParams: SearchParams }) {
  const dashboard = await loadDashboard();
  return (
    <Suspense fallback={<TablePageSkeleton label="Loading the journeys…" />}>
      <JourneysWithData dashboard={dashboard} searchParams={searchParams} />
    </Suspense>
  );
}

async function JourneysWithData({ dashboard, searchParams }: { dashboard: DashboardServer; searchParams: SearchParams }) {
  const { environment, prefetch } = dashboard;
  const url = await loadJourneysFilters(searchParams);
  const params = {
    ...journeyFilters(url, environment.today, url.asOf ?? environment.asOf),
    ...(url.stage ? { stage: url.stage } : {}),
    ...(url.arm ? { arm: url.arm } : {}),
  };
  await Promise.all([prefetch.journeys(params), prefetch.callTypes()]);
  return (
    <HydrationBoundary state={dashboard.dehydrated()}>
      <DashboardProvider environment={environment}>
        <JourneysView />
      </DashboardProvider>
    </HydrationBoundary>
  );
}
