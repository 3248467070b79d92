"use client";

import { createContext, useCallback, useContext, useMemo, useState } from "react";

export interface DashboardEnvironment {
  /** Today in the workspace time zone (YYYY-MM-DD), as the server saw it. */
  today: string;
  timeZone: string;
  /** The instant every number on the page is computed at (deflected vs pending). */
  asOf: string;
  /** Only administrators may follow links to change settings. */
  canEditSettings: boolean;
}

interface DashboardContextValue extends DashboardEnvironment {
  /** Recompute every number as of now. */
  refresh: () => void;
}

const DashboardContext = createContext<DashboardContextValue | null>(null);

/**
 * What every dashboard component needs besides its data: the workspace's today and time zone, and
 * one `asOf` shared by all queries of the page, so that the numbers agree with each other and with
 * the journeys behind them.
 */
export function DashboardProvider({ environment, children }: { environment: DashboardEnvironment; children: React.ReactNode }) {
  const [asOf, setAsOf] = useState(environment.asOf);
  const refresh = useCallback(() => setAsOf(new Date().toISOString()), []);
  const value = useMemo(() => ({ ...environment, asOf, refresh }), [environment, asOf, refresh]);
  return <DashboardContext.Provider value={value}>{children}</DashboardContext.Provider>;
}

export function useDashboard(): DashboardContextValue {
  const value = useContext(DashboardContext);
  if (!value) throw new Error("useDashboard needs a <DashboardProvider> above it");
  return value;
}
