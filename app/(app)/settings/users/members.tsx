"use client";

import { useActionState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { ShownOnce } from "@/components/ui/shown-once";
import { FormMessage, fieldError } from "@/components/ui/form-message";
import { type ActionState, IDLE } from "@/lib/auth/action-state";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { ROLES, type Role } from "@/lib/domain";
import { addMember, changeRole, removeMember, renewInvitation } from "../actions";

interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  since: string;
  /** Set while the person has not accepted this workspace's invitation. */
  invitedUntil: string | null;
}

type InvitationState = ActionState<{ invitationPath: string; expiresAt: string }>;

function invitationLink(state: InvitationState): { url: string; expiresAt: string } | null {
  if (state.status !== "ok" || !state.data) return null;
  return { url: new URL(state.data.invitationPath, window.location.origin).toString(), expiresAt: state.data.expiresAt };
}

function InvitationLink({ state }: { state: InvitationState }) {
  const link = invitationLink(state);
  if (!link) return null;
  const expires = new Date(link.expiresAt).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  return <ShownOnce label="Invitation link (shown once)" value={link.url} copyLabel="Copy the invitation link" testId="invitation-link" note={`Works once, until ${expires}.`} />;
}

export function MembersTable({ members, currentUserId }: { members: Member[]; currentUserId: string }) {
  const [roleState, roleAction] = useActionState(changeRole, IDLE);
  const [removeState, removeAction] = useActionState(removeMember, IDLE);
  const [renewState, renewAction] = useActionState(renewInvitation, IDLE);
  const [pending, startTransition] = useTransition();
  const last: ActionState = [renewState, removeState, roleState].find((state) => state.status !== "idle") ?? IDLE;
  return (
    <Card>
      <CardHeader title="Members" description={`${members.length} people`} />
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Members of this workspace</caption>
          <thead>
            <tr className="border-b border-line text-left text-xs uppercase tracking-wide text-muted">
              <th scope="col" className="px-5 py-2.5 font-medium">Person</th>
              <th scope="col" className="px-5 py-2.5 font-medium">Role</th>
              <th scope="col" className="px-5 py-2.5 font-medium"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr key={member.userId} className="border-b border-line last:border-0">
                <td className="px-5 py-3">
                  <p className="font-medium text-ink">{member.name}</p>
                  <p className="text-xs text-muted">{member.email}</p>
                  {member.invitedUntil ? <InvitationStatus until={member.invitedUntil} /> : null}
                </td>
                <td className="px-5 py-3">
                  <select
                    aria-label={`Role of ${member.email}`}
                    defaultValue={member.role}
                    disabled={pending || member.userId === currentUserId}
                    onChange={(event) => startTransition(() => roleAction({ userId: member.userId, role: event.target.value }))}
                    className="h-9 rounded-md border border-line-strong bg-surface px-2 text-sm"
                  >
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {ROLE_LABELS[role]}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="px-5 py-3 text-right">
                  {member.invitedUntil ? (
                    <Button variant="ghost" size="sm" disabled={pending} onClick={() => startTransition(() => renewAction({ userId: member.userId }))}>
                      New link
                    </Button>
                  ) : null}
                  {member.userId === currentUserId ? (
                    <span className="text-xs text-muted">You</span>
                  ) : (
                    <Button
                      variant="ghost"
                      size="sm"
                      disabled={pending}
                      onClick={() => {
                        if (confirm(`Remove ${member.email} from this workspace?`)) startTransition(() => removeAction({ userId: member.userId }));
                      }}
                    >
                      Remove
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="space-y-3 px-5 pb-4 empty:hidden">
        {last.status !== "idle" ? <FormMessage state={last} /> : null}
        {last === renewState ? <InvitationLink state={renewState} /> : null}
      </div>
    </Card>
  );
}

export function AddMemberForm() {
  const [state, action, pending] = useActionState(addMember, IDLE);
  return (
    <Card>
      <CardHeader title="Add a person" description="Someone new gets a one-time link to choose their own password. Someone who already has an account elsewhere simply gains access here." />
      <form action={action} className="space-y-4 p-5">
        <TextField label="Name" name="name" required error={fieldError(state, "name")} />
        <TextField label="Email" name="email" type="email" required error={fieldError(state, "email")} />
        <div className="space-y-1.5">
          <label htmlFor="new-role" className="block text-sm font-medium text-ink-2">
            Role
          </label>
          <select id="new-role" name="role" defaultValue="manager" className="block h-10 w-full rounded-md border border-line-strong bg-surface px-3 text-sm">
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </div>
        <FormMessage state={state} />
        <InvitationLink state={state} />
        <Button type="submit" disabled={pending}>
          Add person
        </Button>
      </form>
    </Card>
  );
}

function InvitationStatus({ until }: { until: string }) {
  const expired = new Date(until).getTime() <= Date.now();
  return (
    <p className={`mt-0.5 text-xs font-medium ${expired ? "text-bad" : "text-warn"}`}>
      {expired ? "Invitation expired: create a new link" : `Invited: has not set a password yet (link works until ${new Date(until).toLocaleDateString(undefined, { dateStyle: "medium" })})`}
    </p>
  );
}
