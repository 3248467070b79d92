import type { NextRequest } from "next/server";
import { getDb } from "@/db";
import { consumeChatLink, peekChatLink } from "@/db/queries/messaging";
import { errorForLog } from "@/lib/log";
import { STRICT_TRANSPORT_SECURITY } from "@/lib/security/headers";
import { servedOverHttps } from "@/lib/security/https";
import { CHAT_TOKEN_TTL_SECONDS, signChatToken } from "@/lib/telephony/chat-token";
import { type LinkPage, linkPageHtml, linkPageSecurityPolicy } from "@/lib/telephony/link-page";

/*
 * A chat link, `publicUrl/l/{token}` (DESIGN.md "Telephony and messaging", docs/adr/025). Served
 * as plain HTML by this handler, outside the dashboard's layout and its scripts; proxy.ts leaves
 * `/l/` alone (no sign-in, and these pages set their own Content-Security-Policy).
 *
 * GET shows one button and consumes nothing. POST uses the link up, records `link.clicked` and
 * sends the browser on (303) to the workspace's chat URL with `sb_journey` and a signed 10-minute
 * `sb_token`. A used, expired or unknown link gets a page that says so.
 */

type Segment = { params: Promise<{ token: string }> };

/** Headers of every answer here; proxy.ts does not run for these pages, so HSTS is set here too. */
function baseHeaders(request: NextRequest): Record<string, string> {
  const https = servedOverHttps({ protocol: request.nextUrl.protocol, forwardedProto: request.headers.get("x-forwarded-proto"), publicUrl: process.env.NEXTAUTH_URL });
  return {
    "cache-control": "no-store",
    // The token is in this page's URL: it must not travel on as a Referer.
    "referrer-policy": "no-referrer",
    "x-robots-tag": "noindex, nofollow",
    ...(https ? { "strict-transport-security": STRICT_TRANSPORT_SECURITY } : {}),
  };
}

function page(request: NextRequest, content: LinkPage, status: number, chatUrl: string | null): Response {
  return new Response(linkPageHtml(content), {
    status,
    headers: { ...baseHeaders(request), "content-type": "text/html; charset=utf-8", "content-security-policy": linkPageSecurityPolicy(chatUrl) },
  });
}

const STATUS = { valid: 200, used: 410, expired: 410, unknown: 404 } as const;

export async function GET(request: NextRequest, segment: Segment): Promise<Response> {
  const { token } = await segment.params;
  try {
    const link = await peekChatLink(await getDb(), token);
    if (link.state === "unknown") return page(request, { kind: "unknown" }, 404, null);
    const company = link.company ?? "";
    if (link.state === "valid") return page(request, { kind: "confirm", company, action: `/l/${token}` }, 200, link.chatUrl);
    return page(request, { kind: link.state, company, chatUrl: link.chatUrl }, STATUS[link.state], link.chatUrl);
  } catch (error) {
    console.error(`Unexpected error in GET /l/[token]: ${errorForLog(error)}`);
    return page(request, { kind: "unknown" }, 500, null);
  }
}

export async function POST(request: NextRequest, segment: Segment): Promise<Response> {
  const { token } = await segment.params;
  try {
    const now = new Date();
    const link = await consumeChatLink(await getDb(), token, now);
    if (link.state === "unknown") return page(request, { kind: "unknown" }, 404, null);
    if (link.state !== "consumed") return page(request, { kind: link.state, company: link.company ?? "", chatUrl: link.chatUrl }, STATUS[link.state], link.chatUrl);
    if (!link.chatUrl) return page(request, { kind: "unavailable", company: link.company }, 503, null);
    const target = new URL(link.chatUrl);
    target.searchParams.set("sb_journey", link.journey);
    target.searchParams.set(
      "sb_token",
      signChatToken(link.chatTokenSecret, { journey: link.journey, customer: link.customer, expiresAt: new Date(now.getTime() + CHAT_TOKEN_TTL_SECONDS * 1000) }),
    );
    return new Response(null, { status: 303, headers: { ...baseHeaders(request), location: target.toString() } });
  } catch (error) {
    console.error(`Unexpected error in POST /l/[token]: ${errorForLog(error)}`);
    return page(request, { kind: "unknown" }, 500, null);
  }
}
