import "server-only";
import { type QueryClient, dehydrate } from "@tanstack/react-query";
import { notFound } from "next/navigation";
import { type Db, getDb } from "@/db";
import { getFunnel, getParity, getRoi, listJourneys } from "@/db/queries/metrics";
import { getNetSavingsCosts, getSettings } from "@/db/queries/settings";
import { listCallTypes } from "@/db/queries/workspaces";
import { can } from "@/lib/auth/roles";
import { type UserContext, requirePageCapability } from "@/lib/auth/session";
import { makeQueryClient } from "@/lib/query-client";
import type { WorkspaceSettings } from "@/lib/settings/schema";
import type { DashboardEnvironment } from "@/components/dashboard/dashboard-provider";
import { todayIn } from "./period";
import { type FunnelParams, type JourneysParams, type ParityParams, type RoiParams, dashboardKeys } from "./query-keys";
import { type CallTypeOption, JOURNEYS_PAGE_SIZE } from "./queries";

/**
 * The first paint of a dashboard: the server checks the role, then runs the same reads the
 * browser would make through the metrics API, directly against the database, under the same
 * query keys. The page hands the dehydrated cache to the client components, which start with data.
 */
export interface DashboardServer {
  user: UserContext;
  settings: WorkspaceSettings;
  environment: DashboardEnvironment;
  queryClient: QueryClient;
  prefetch: ReturnType<typeof prefetchers>;
  dehydrated: () => ReturnType<typeof dehydrate>;
}

export async function loadDashboard(): Promise<DashboardServer> {
  const user = await requirePageCapability("metrics:read");
  const db = await getDb();
  const settings = await getSettings(db, user.workspaceId);
  if (!settings) notFound();
  const queryClient = makeQueryClient();
  // As GET /api/v1/settings answers: with the net-savings costs the ROI page lists (docs/adr/026).
  queryClient.setQueryData(dashboardKeys.settings(), { ...settings, ...(await getNetSavingsCosts(db, user.workspaceId)) });
  return {
    user,
    settings,
    environment: {
      today: todayIn(settings.timeZone),
      timeZone: settings.timeZone,
      asOf: new Date().toISOString(),
      canEditSettings: can(user.role, "settings:write"),
    },
    queryClient,
    prefetch: prefetchers(queryClient, db, user.workspaceId, settings),
    dehydrated: () => dehydrate(queryClient),
  };
}

function prefetchers(queryClient: QueryClient, db: Db, workspaceId: string, settings: WorkspaceSettings) {
  return {
    funnel: (params: FunnelParams) =>
      queryClient.prefetchQuery({ queryKey: dashboardKeys.funnel(params), queryFn: () => getFunnel(db, workspaceId, settings, params) }),
    parity: (params: ParityParams) =>
      queryClient.prefetchQuery({ queryKey: dashboardKeys.parity(params), queryFn: () => getParity(db, workspaceId, settings, params) }),
    roi: (params: RoiParams) => queryClient.prefetchQuery({ queryKey: dashboardKeys.roi(params), queryFn: () => getRoi(db, workspaceId, settings, params) }),
    callTypes: () =>
      queryClient.prefetchQuery({
        queryKey: dashboardKeys.callTypes(),
        queryFn: async (): Promise<CallTypeOption[]> =>
          (await listCallTypes(db, workspaceId)).map((row) => ({
            slug: row.slug,
            name: row.name,
            phoneCost: row.phoneCost === null ? null : Number(row.phoneCost),
          })),
      }),
    journeys: (params: JourneysParams) =>
      queryClient.prefetchInfiniteQuery({
        queryKey: dashboardKeys.journeys(params),
        initialPageParam: null as string | null,
        queryFn: () => listJourneys(db, workspaceId, settings, { ...params, limit: JOURNEYS_PAGE_SIZE, cursor: null }),
      }),
  };
}
