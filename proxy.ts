import { getToken } from "next-auth/jwt";
import { type NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";
import { STRICT_TRANSPORT_SECURITY, createNonce, pageContentSecurityPolicy } from "@/lib/security/headers";
import { servedOverHttps } from "@/lib/security/https";

/** Pages anyone may open without a session. */
const isPublicPage = (pathname: string) => pathname === "/sign-in" || pathname.startsWith("/sign-in/") || pathname.startsWith("/invite/");

/**
 * Gives every page its Content-Security-Policy with a fresh nonce (Next.js reads it from the
 * request header and puts it on its scripts), and HSTS on https. For authentication it only
 * redirects: a visitor with no session cookie is sent to the sign-in page. Every page, action and
 * API route still checks the session and the role itself, where data is read.
 */
export async function proxy(request: NextRequest) {
  const https = servedOverHttps({
    protocol: request.nextUrl.protocol,
    forwardedProto: request.headers.get("x-forwarded-proto"),
    publicUrl: process.env.NEXTAUTH_URL,
  });
  const policy = pageContentSecurityPolicy({ nonce: createNonce(), https, development: process.env.NODE_ENV === "development" });

  let response: NextResponse;
  if (isPublicPage(request.nextUrl.pathname) || (await getToken({ req: request, secret: env().authSecret }))) {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("content-security-policy", policy);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  } else {
    const url = new URL("/sign-in", request.url);
    const target = request.nextUrl.pathname + request.nextUrl.search;
    if (target !== "/" && target !== "/start") url.searchParams.set("callbackUrl", target);
    response = NextResponse.redirect(url);
  }
  response.headers.set("content-security-policy", policy);
  if (https) response.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  // API answers get their headers from next.config.mjs; built files need none. Chat links (/l/…)
  // are public pages for customers that set their own policy, whose form goes on to the workspace's
  // chat (app/l/[token]/route.ts, docs/adr/025).
  matcher: ["/((?!api/|_next/|l/|favicon.ico|.*\\.(?:png|svg|ico|css|js|woff2?)$).*)"],
};
