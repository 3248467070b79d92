/**
 * The browser's side of the metrics API: GET with the session cookie, DESIGN.md's error shape
 * turned into an Error that says what went wrong.
 */
import { compact } from "./query-keys";

export class MetricsRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = "MetricsRequestError";
  }
}

export function searchOf(params: object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(compact(params))) search.set(key, String(value));
  return search.toString();
}

export async function getJson<T>(path: string, params: object = {}, signal?: AbortSignal): Promise<T> {
  const query = searchOf(params);
  const response = await fetch(`${path}${query ? `?${query}` : ""}`, { headers: { accept: "application/json" }, signal, credentials: "same-origin" });
  if (!response.ok) {
    let message = `The server answered ${response.status}.`;
    let code = "http_error";
    try {
      const body = (await response.json()) as { error?: { code?: string; message?: string } };
      message = body.error?.message ?? message;
      code = body.error?.code ?? code;
    } catch {
      // not JSON: keep the status message
    }
    if (response.status === 401) message = "Your session has ended. Sign in again to see the numbers.";
    throw new MetricsRequestError(message, response.status, code);
  }
  return (await response.json()) as T;
}
