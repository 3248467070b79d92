import { getToken } from "next-auth/jwt";
import { type NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";

/**
 * Only redirects: a visitor with no session cookie is sent to the sign-in page. Every page,
 * action and API route still checks the session and the role itself, where data is read.
 */
export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: env().authSecret });
  if (token) return NextResponse.next();
  const url = new URL("/sign-in", request.url);
  const target = request.nextUrl.pathname + request.nextUrl.search;
  if (target !== "/" && target !== "/start") url.searchParams.set("callbackUrl", target);
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ["/((?!api/|_next/|sign-in|favicon.ico|.*\\.(?:png|svg|ico|css|js|woff2?)$).*)"],
};
