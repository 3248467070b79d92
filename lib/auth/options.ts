import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db";
import { findUserByEmail, verifyCredentials } from "@/db/queries/users";
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
      /** Single sign-on admits only people an admin has already added, matched by email. */
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        return Boolean(user.email && (await findUserByEmail(await getDb(), user.email)));
      },
      async jwt({ token, user, account }) {
        if (user && account) {
          if (account.provider === "oidc") {
            const known = await findUserByEmail(await getDb(), user.email ?? "");
            token.sub = known?.id;
          } else {
            token.sub = user.id;
          }
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user) session.user.id = token.sub ?? "";
        return session;
      },
    },
  };
}
