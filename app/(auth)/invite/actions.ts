"use server";

import { z } from "zod";
import { getDb } from "@/db";
import { acceptInvitation } from "@/db/queries/invitations";
import type { ActionState } from "@/lib/auth/action-state";
import { zodFieldErrors } from "@/lib/auth/field-errors";

const acceptForm = z
  .object({
    token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This link is not valid."),
    password: z.string().min(12, "At least 12 characters").max(200, "At most 200 characters"),
    confirm: z.string().max(200),
  })
  .refine((form) => form.password === form.confirm, { path: ["confirm"], message: "The two passwords differ" });

/**
 * The one action a signed-out visitor may call: the invitation's token is the credential. It sets
 * the password once; the link is used up.
 */
export async function acceptInvitationAction(_previous: ActionState<{ email: string }>, input: unknown): Promise<ActionState<{ email: string }>> {
  const parsed = acceptForm.safeParse(input instanceof FormData ? Object.fromEntries(input) : input);
  if (!parsed.success) return { status: "error", message: "Some fields need attention.", fieldErrors: zodFieldErrors(parsed.error) };
  const accepted = await acceptInvitation(await getDb(), parsed.data.token, parsed.data.password);
  if (accepted === "invalid") return { status: "error", message: "This invitation has been used or has expired. Ask your administrator for a new link." };
  return { status: "ok", message: `Password set for ${accepted.email}. You can sign in now.`, data: { email: accepted.email } };
}
