import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user: DefaultSession["user"] & { id: string; sessionVersion: number };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** The user's session version when the token was issued (docs/adr/023). */
    sv?: number;
  }
}
