import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db";
import { endSessions, findUserByEmail, verifyCredentials } from "@/db/queries/users";
import { safeCallbackUrl } from "@/lib/auth/redirect";
import { env } from "@/lib/env";

const credentials = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) });

export function authOptions(): NextAuthOptions {
  const config = env();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(input) {
        const parsed = credentials.safeParse(input);
        if (!parsed.success) return null;
        const user = await verifyCredentials(await getDb(), parsed.data.email, parsed.data.password);
        return user ? { id: user.id, email: user.email, name: user.name } : null;
      },
    }),
  ];
  if (config.oidcEnabled) {
    providers.push({
      id: "oidc",
      name: config.OIDC_NAME,
      type: "oauth",
      wellKnown: `${config.OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: config.OIDC_CLIENT_ID,
      clientSecret: config.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile: (profile: { sub: string; email?: string; name?: string }) => ({
        id: profile.sub,
        email: profile.email ?? null,
        name: profile.name ?? profile.email ?? null,
      }),
    });
  }

  return {
    secret: config.authSecret,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers,
    callbacks: {
      /** After signing in or out, only a place on this app (lib/auth/redirect.ts). */
      redirect: ({ url, baseUrl }) => new URL(safeCallbackUrl(url, baseUrl), baseUrl).href,
      /**
       * Single sign-on admits only people an admin has already added, matched by an email address
       * the provider has verified, and never a disabled account.
       */
      async signIn({ user, account, profile }) {
        if (account?.provider !== "oidc") return true;
        if (!user.email || !emailVerified(profile)) return false;
        const known = await findUserByEmail(await getDb(), user.email);
        return Boolean(known && !known.disabledAt);
      },
      /** The token names the user and the session version it was issued at (docs/adr/023). */
      async jwt({ token, user, account }) {
        if (user && account) {
          const known = await findUserByEmail(await getDb(), user.email ?? "");
          token.sub = account.provider === "oidc" ? known?.id : user.id;
          token.sv = known?.sessionVersion ?? 0;
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user) {
          session.user.id = token.sub ?? "";
          session.user.sessionVersion = typeof token.sv === "number" ? token.sv : -1;
        }
        return session;
      },
    },
    events: {
      /** Signing out ends the session everywhere: its token is refused from the next request on. */
      async signOut({ token }) {
        if (token?.sub) await endSessions(await getDb(), token.sub);
      },
    },
  };
}

/** OpenID Connect's `email_verified` claim; some providers send it as a string. */
function emailVerified(profile: unknown): boolean {
  const claim = (profile as { email_verified?: unknown } | undefined)?.email_verified;
  return claim === true || claim === "true";
}
