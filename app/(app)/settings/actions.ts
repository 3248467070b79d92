"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createApiKey, revokeApiKey } from "@/db/queries/api-keys";
import { updateSettings } from "@/db/queries/settings";
import { addMemberByEmail, issueNewInvitation } from "@/db/queries/invitations";
import { removeMembership, setMembership } from "@/db/queries/workspaces";
import { type ActionState, guardedAction } from "@/lib/auth/action";
import { API_SCOPES, ROLES } from "@/lib/domain";
import { settingsPatchSchema } from "@/lib/settings/schema";
import { telephonyFormPatch } from "@/lib/telephony/settings";

/** The settings form posts strings (the target in percent); they become the same patch the API takes. */
const settingsForm = z.preprocess((raw) => {
  // Anything but a form's fields is left for the schema to refuse.
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return raw;
  const form = raw as Record<string, unknown>;
  // A form posts text: an empty field changes nothing, anything but text is refused.
  const asNumber = (value: unknown) => (value === undefined || value === "" ? undefined : typeof value === "string" ? (value.trim() === "" ? undefined : Number(value)) : Number.NaN);
  const percent = asNumber(form.resolutionTargetPercent);
  return {
    timeZone: form.timeZone,
    windowHours: asNumber(form.windowHours),
    currency: typeof form.currency === "string" ? form.currency.trim().toUpperCase() : form.currency,
    phoneCost: asNumber(form.phoneCost),
    digitalCost: asNumber(form.digitalCost),
    smsCostPerSegment: asNumber(form.smsCostPerSegment),
    botCostPerConversation: asNumber(form.botCostPerConversation),
    resolutionTarget: percent === undefined ? undefined : Math.round(percent * 10) / 1000,
    ...telephonyFormPatch(form),
  };
}, settingsPatchSchema);

export const saveSettings = guardedAction("settings:write", settingsForm, async (patch, { db, user, actor }) => {
  await updateSettings(db, user.workspaceId, patch, actor);
  revalidatePath("/", "layout");
  return { status: "ok", message: "Settings saved. Every metric now uses them." };
});

const overrideForm = z.object({
  callType: z.string().regex(/^[a-z0-9_]{1,64}$/, "Choose a call type"),
  phoneCost: z
    .string()
    .trim()
    .transform((value) => (value === "" ? null : Number(value))),
});

export const savePhoneCostOverride = guardedAction("settings:write", overrideForm, async (input, { db, user, actor }) => {
  const patch = settingsPatchSchema.safeParse({ phoneCostByCallType: { [input.callType]: input.phoneCost } });
  if (!patch.success) return { status: "error", message: "The phone cost must be an amount with at most two decimals." };
  await updateSettings(db, user.workspaceId, patch.data, actor);
  revalidatePath("/settings");
  return { status: "ok", message: input.phoneCost === null ? "Override removed." : "Override saved." };
});

const memberForm = z.object({
  email: z.email("Enter an email address").max(320),
  name: z.string().trim().min(1, "Enter a name").max(120),
  role: z.enum(ROLES, "Choose a role"),
});

/** The path of an invitation link; the page adds its own origin when it shows it. */
const invitationPath = (token: string) => `/invite/${token}`;

export const addMember = guardedAction(
  "settings:write",
  memberForm,
  async (input, { db, user, actor }): Promise<ActionState<{ invitationPath: string; expiresAt: string }>> => {
    const outcome = await addMemberByEmail(db, user.workspaceId, input, actor);
    revalidatePath("/settings/users");
    switch (outcome.kind) {
      case "already_member":
        return { status: "error", message: `${outcome.user.email} is a member already; change their role in the list.`, fieldErrors: { email: "Already a member" } };
      case "added":
        return { status: "ok", message: `${outcome.user.email} already has an account: they can now sign in to this workspace as ${input.role}, with their own password.` };
      case "invited":
        return {
          status: "ok",
          message: `Invitation for ${outcome.user.email} created. Send them this link: they choose their own password. It works once and is shown only now.`,
          data: { invitationPath: invitationPath(outcome.invitation.token), expiresAt: outcome.invitation.expiresAt.toISOString() },
        };
    }
  },
);

export const renewInvitation = guardedAction(
  "settings:write",
  z.object({ userId: z.string().min(1).max(64) }),
  async (input, { db, user, actor }): Promise<ActionState<{ invitationPath: string; expiresAt: string }>> => {
    const outcome = await issueNewInvitation(db, user.workspaceId, input.userId, actor);
    revalidatePath("/settings/users");
    if (outcome === "not_pending") return { status: "error", message: "This person has set a password already, or is not a member." };
    if (outcome === "shared") {
      return { status: "error", message: "This person belongs to another workspace too: they set their password through the invitation they have, not a new one from here." };
    }
    return {
      status: "ok",
      message: "New invitation link created; earlier links no longer work. It is shown only now.",
      data: { invitationPath: invitationPath(outcome.token), expiresAt: outcome.expiresAt.toISOString() },
    };
  },
);

const roleForm = z.object({ userId: z.string().min(1).max(64), role: z.enum(ROLES) });

export const changeRole = guardedAction("settings:write", roleForm, async (input, { db, user, actor }) => {
  if (input.userId === user.userId && input.role !== "admin") {
    return { status: "error", message: "You cannot take the admin role from yourself; ask another admin." };
  }
  const members = await import("@/db/queries/workspaces").then((m) => m.listMembers(db, user.workspaceId));
  if (!members.some((member) => member.userId === input.userId)) return { status: "error", message: "No such member in this workspace." };
  await setMembership(db, user.workspaceId, input.userId, input.role, actor);
  revalidatePath("/settings/users");
  return { status: "ok", message: "Role changed; it applies from their next click." };
});

const removeForm = z.object({ userId: z.string().min(1).max(64) });

export const removeMember = guardedAction("settings:write", removeForm, async (input, { db, user, actor }) => {
  if (input.userId === user.userId) return { status: "error", message: "You cannot remove yourself." };
  await removeMembership(db, user.workspaceId, input.userId, actor);
  revalidatePath("/settings/users");
  return { status: "ok", message: "Removed from this workspace." };
});

const keyForm = z.object({
  name: z.string().trim().min(1, "Name the key after the system that uses it").max(100),
  scopes: z.array(z.enum(API_SCOPES)).min(1, "Choose at least one scope"),
});

export const createKey = guardedAction("settings:write", keyForm, async (input, { db, user, actor }): Promise<ActionState<{ key: string }>> => {
  const created = await createApiKey(db, user.workspaceId, input, actor);
  revalidatePath("/settings/api-keys");
  return { status: "ok", message: "Copy the key now: it is shown only once.", data: { key: created.key } };
});

export const revokeKey = guardedAction("settings:write", z.object({ id: z.string().min(1).max(64) }), async (input, { db, user, actor }) => {
  const revoked = await revokeApiKey(db, user.workspaceId, input.id, actor);
  revalidatePath("/settings/api-keys");
  return revoked ? { status: "ok", message: "Key revoked." } : { status: "error", message: "No such active key in this workspace." };
});
