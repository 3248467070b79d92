"use client";

import { useActionState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { FormMessage, fieldError } from "@/components/ui/form-message";
import { type ActionState, IDLE } from "@/lib/auth/action-state";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { ROLES, type Role } from "@/lib/domain";
import { addMember, changeRole, removeMember } from "../actions";

interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  since: string;
}

export function MembersTable({ members, currentUserId }: { members: Member[]; currentUserId: string }) {
  const [roleState, roleAction] = useActionState(changeRole, IDLE);
  const [removeState, removeAction] = useActionState(removeMember, IDLE);
  const [pending, startTransition] = useTransition();
  const last: ActionState = removeState.status !== "idle" ? removeState : roleState;
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
      <div className="px-5 pb-4 empty:hidden">{last.status !== "idle" ? <FormMessage state={last} /> : null}</div>
    </Card>
  );
}

export function AddMemberForm() {
  const [state, action, pending] = useActionState(addMember, IDLE);
  return (
    <Card>
      <CardHeader title="Add a person" description="They sign in with this email and the password you give them." />
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
        <TextField label="Temporary password" name="password" type="password" autoComplete="new-password" minLength={8} required hint="At least 8 characters. Share it privately." error={fieldError(state, "password")} />
        <FormMessage state={state} />
        <Button type="submit" disabled={pending}>
          Add person
        </Button>
      </form>
    </Card>
  );
}
