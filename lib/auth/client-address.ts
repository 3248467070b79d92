/**
 * The address a request came from, as the nearest proxy saw it: the last entry of
 * X-Forwarded-For (`next start` adds the socket's address when no proxy did; a reverse proxy in
 * front appends the address it saw). Earlier entries are whatever the client claimed.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last || headers.get("x-real-ip")?.trim() || "unknown";
}
