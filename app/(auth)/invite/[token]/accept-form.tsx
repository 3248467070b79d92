"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage, fieldError } from "@/components/ui/form-message";
import { IDLE } from "@/lib/auth/action-state";
import { acceptInvitationAction } from "../actions";

export function AcceptInvitationForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(acceptInvitationAction, IDLE);
  if (state.status === "ok") {
    return (
      <div className="mt-8 space-y-4">
        <FormMessage state={state} />
        <Link href="/sign-in" className="inline-flex h-10 items-center rounded-md bg-brand px-4 text-sm font-medium text-white hover:bg-brand/90">
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <form action={action} className="mt-8 space-y-4">
      <input type="hidden" name="token" value={token} />
      <TextField label="New password" name="password" type="password" autoComplete="new-password" minLength={12} required hint="At least 12 characters." error={fieldError(state, "password")} />
      <TextField label="Repeat the password" name="confirm" type="password" autoComplete="new-password" required error={fieldError(state, "confirm")} />
      <FormMessage state={state} />
      <Button type="submit" size="lg" className="w-full" disabled={pending}>
        Set password
      </Button>
    </form>
  );
}
