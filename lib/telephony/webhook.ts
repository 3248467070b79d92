import "server-only";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { type Db, getDb } from "@/db";
import { type TelephonyConfig, telephonyConfig } from "@/db/queries/messaging";
import { ApiError, invalid } from "@/lib/api/errors";
import { errorForLog } from "@/lib/log";
import { searchParamsObject } from "@/lib/metrics/params";
import { formObject } from "./schema";
import { type FormParams, isValidTwilioSignature } from "./twilio-signature";
import { TWIML_CONTENT_TYPE, redirect, type TwimlNode, twiml } from "./twiml";

/*
 * The one wrapper of every Twilio webhook (docs/adr/025), as lib/api/route.ts is of the API:
 * workspace → its configuration → X-Twilio-Signature over the configured public URL → parameters
 * (zod) → handler → TwiML. The signature is checked before anything is read or stored: an
 * unsigned request, a wrong signature, an unknown workspace and one with no public URL or auth
 * token all get the same 403, so a caller learns nothing about which workspaces exist.
 */

const MAX_BODY_BYTES = 64 * 1024;
const WORKSPACE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface WebhookContext<P, Q> {
  db: Db;
  config: TelephonyConfig & { publicUrl: string };
  params: P;
  query: Q;
  now: Date;
  /** The verbs that send the call on when nothing (more) is offered: a Redirect to the fallback URL. */
  fallback: TwimlNode[];
}

export interface WebhookSchemas<P extends z.ZodType, Q extends z.ZodType> {
  params: P;
  query: Q;
  /**
   * A call in progress must never be left without TwiML: when the handler fails unexpectedly
   * (the database went away), the caller is sent to the fallback instead of hearing an error.
   */
  keepCallGoing?: boolean;
}

const refused = () => new ApiError(403, "forbidden", "The request's X-Twilio-Signature does not match this webhook's configured URL and auth token.");

export function twimlResponse(xml: string): Response {
  return new Response(xml, { status: 200, headers: { "content-type": TWIML_CONTENT_TYPE, "cache-control": "no-store" } });
}

export function twilioWebhook<P extends z.ZodType, Q extends z.ZodType>(
  schemas: WebhookSchemas<P, Q>,
  handler: (context: WebhookContext<z.infer<P>, z.infer<Q>>) => Promise<string>,
) {
  return async (request: NextRequest, segment: { params: Promise<{ workspaceId: string }> }): Promise<Response> => {
    let fallback: TwimlNode[] | null = null;
    try {
      const { workspaceId } = await segment.params;
      const body = await readBody(request);
      if (!WORKSPACE_ID.test(workspaceId ?? "")) throw refused();
      const db = await getDb();
      const config = await telephonyConfig(db, workspaceId);
      if (!config || !config.publicUrl || !config.twilioAuthToken) throw refused();
      const url = new URL(request.url);
      const form = isForm(request) ? formParams(body) : [];
      const signedUrl = `${config.publicUrl}${url.pathname}${url.search}`;
      if (!isValidTwilioSignature(config.twilioAuthToken, request.headers.get("x-twilio-signature"), signedUrl, form)) throw refused();

      if (!isForm(request)) throw new ApiError(400, "malformed", "Send Twilio's parameters form-encoded (application/x-www-form-urlencoded).");
      const query = schemas.query.safeParse(searchParamsObject(url.searchParams));
      if (!query.success) throw invalid(query.error, undefined, "The webhook URL's query string is not valid.");
      const params = schemas.params.safeParse(formObject(form));
      if (!params.success) throw invalid(params.error, undefined, "The request's parameters are not valid.");
      fallback = config.fallbackUrl ? [redirect(config.fallbackUrl)] : [];
      const xml = await handler({ db, config: { ...config, publicUrl: config.publicUrl }, params: params.data, query: query.data, now: new Date(), fallback });
      return twimlResponse(xml);
    } catch (error) {
      if (error instanceof ApiError) return error.toResponse();
      if (error instanceof z.ZodError) return invalid(error).toResponse();
      // Never the request: it holds the caller's number (lib/log.ts).
      console.error(`Unexpected error in the Twilio webhook ${request.nextUrl.pathname.split("/").pop()}: ${errorForLog(error)}`);
      if (schemas.keepCallGoing && fallback) return twimlResponse(twiml(...fallback));
      return new ApiError(500, "internal", "Something went wrong on our side.").toResponse();
    }
  };
}

function isForm(request: NextRequest): boolean {
  return /^application\/x-www-form-urlencoded\b/i.test(request.headers.get("content-type") ?? "");
}

/** The body as text, at most 64 KB (Twilio's requests are a few hundred bytes); bytes that are not UTF-8 only make the signature fail. */
async function readBody(request: NextRequest): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new ApiError(413, "too_large", "The body is larger than 64 KB.");
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw new ApiError(413, "too_large", "The body is larger than 64 KB.");
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8").decode(Buffer.concat(chunks));
}

function formParams(body: string): FormParams {
  return [...new URLSearchParams(body)];
}
