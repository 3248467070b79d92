import { NextRequest } from "next/server";
import type { Connection } from "@/db";

/**
 * Calls route handlers in-process against a test database, the way Next.js would: the app's
 * one connection is replaced by the test's, and requests carry an API key.
 */
export function useConnection(connection: Connection) {
  (globalThis as unknown as { switchboardConnection?: Promise<Connection> }).switchboardConnection = Promise.resolve(connection);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RouteHandler = (request: NextRequest, context: { params: Promise<any> }) => Promise<Response>;

export interface CallOptions {
  key?: string;
  body?: unknown;
  rawBody?: string | Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  /**
   * Sends `Sec-Fetch-Site: same-origin`, as a browser does from the app's own pages (apiRoute
   * refuses session writes without it); false sends no origin headers but those in `headers`.
   */
  sameOrigin?: boolean;
}

export async function call(handler: RouteHandler, method: string, url: string, options: CallOptions = {}) {
  const headers = new Headers(options.headers);
  if (options.key) headers.set("authorization", `Bearer ${options.key}`);
  if (options.sameOrigin !== false && !headers.has("sec-fetch-site") && !headers.has("origin")) headers.set("sec-fetch-site", "same-origin");
  let body: BodyInit | undefined;
  if (options.rawBody !== undefined) body = options.rawBody as BodyInit;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers.set("content-type", options.contentType ?? "application/json");
  const request = new NextRequest(new URL(url, "http://localhost"), { method, headers, body });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, json: json as any, text, headers: response.headers };
}
