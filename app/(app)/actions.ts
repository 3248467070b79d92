"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { WORKSPACE_COOKIE, requireUser } from "@/lib/auth/session";
import { servedOverHttps } from "@/lib/security/https";

/** Switches to another workspace of the signed-in user; any other id changes nothing. */
export async function switchWorkspace(workspaceId: unknown): Promise<void> {
  const user = await requireUser();
  const parsed = z.string().min(1).max(64).safeParse(workspaceId);
  // Not one of the user's workspaces: nothing changes (a redirect, not an error the server would answer with a 500).
  if (!parsed.success || !user.memberships.some((m) => m.workspaceId === parsed.data)) redirect("/");
  const secure = servedOverHttps({ forwardedProto: (await headers()).get("x-forwarded-proto"), publicUrl: process.env.NEXTAUTH_URL });
  (await cookies()).set(WORKSPACE_COOKIE, parsed.data, { httpOnly: true, sameSite: "lax", path: "/", secure });
  redirect("/");
}
