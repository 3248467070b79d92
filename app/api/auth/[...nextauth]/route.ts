import NextAuth from "next-auth";
import { getDb } from "@/db";
import { clearSignInFailures, recordSignInFailure, signInRetryAfter, throttleKeys } from "@/db/queries/sign-in-throttle";
import { authOptions } from "@/lib/auth/options";
import { clientAddress } from "@/lib/auth/client-address";

type Context = { params: Promise<{ nextauth: string[] }> };

const nextAuth = (request: Request, context: Context) => NextAuth(authOptions())(request, context);

/**
 * next-auth, with sign-in throttling around its credentials callback: a caller over the limit gets
 * a 429 with Retry-After before any password is hashed, in the JSON shape next-auth's client reads
 * (its `error` carries the seconds to wait, for the form's message).
 */
async function handler(request: Request, context: Context): Promise<Response> {
  const { nextauth } = await context.params;
  if (request.method !== "POST" || nextauth.join("/") !== "callback/credentials") return nextAuth(request, context);

  const form = await request
    .clone()
    .formData()
    .catch(() => null);
  const email = typeof form?.get("email") === "string" ? String(form.get("email")) : "";
  const keys = throttleKeys(email, clientAddress(request.headers));
  const db = await getDb();
  const wait = await signInRetryAfter(db, keys);
  if (wait > 0) {
    const url = new URL(`/api/auth/error?error=${encodeURIComponent(`TooManyAttempts:${wait}`)}`, request.url);
    return Response.json({ url: url.toString() }, { status: 429, headers: { "Retry-After": String(wait) } });
  }
  const response = await nextAuth(request, context);
  if (response.status === 401) await recordSignInFailure(db, keys);
  else if (response.ok) await clearSignInFailures(db, keys);
  return response;
}

export { handler as GET, handler as POST };
