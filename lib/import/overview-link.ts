/** The day of an instant in a time zone, `YYYY-MM-DD`. */
export function dayIn(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(iso));
}

/**
 * The overview on the days an import brought (in the workspace's zone, as the dashboard's days
 * are), so what was just imported is what the supervisor sees next.
 */
export function overviewHref(firstAt: string, lastAt: string, workspaceTimeZone: string): string {
  return `/?${new URLSearchParams({ from: dayIn(firstAt, workspaceTimeZone), to: dayIn(lastAt, workspaceTimeZone) })}`;
}
