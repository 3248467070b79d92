"use client";

import { LoaderCircle } from "lucide-react";
import { signIn } from "next-auth/react";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { safeCallbackUrl } from "@/lib/auth/redirect";

interface DemoAccount {
  email: string;
  name: string;
  role: string;
}

export function SignInForm({
  callbackUrl,
  demoAccounts,
  demoPassword,
  ssoName,
}: {
  callbackUrl: string;
  demoAccounts: DemoAccount[];
  demoPassword?: string;
  ssoName?: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (!result || result.error) {
      setPending(false);
      setError(result?.status === 429 ? tooManyAttempts(result.error) : "Email or password is incorrect.");
      passwordRef.current?.select();
      return;
    }
    // The page checked it already; checked here too, against the origin the browser will use.
    window.location.assign(safeCallbackUrl(callbackUrl, window.location.origin));
  }

  function useAccount(email: string) {
    if (emailRef.current) emailRef.current.value = email;
    if (passwordRef.current && demoPassword) passwordRef.current.value = demoPassword;
    setError(null);
    passwordRef.current?.focus();
  }

  return (
    <>
      <form onSubmit={onSubmit} className="mt-8 space-y-4" noValidate>
        <TextField ref={emailRef} label="Email" name="email" type="email" autoComplete="username" required />
        <TextField ref={passwordRef} label="Password" name="password" type="password" autoComplete="current-password" required />
        {error ? (
          <div role="alert" className="rounded-md border border-bad/30 bg-bad-soft px-3 py-2 text-sm text-bad">
            {error}
          </div>
        ) : null}
        <Button type="submit" size="lg" className="w-full" disabled={pending}>
          {pending ? <LoaderCircle className="size-4 animate-spin" aria-hidden /> : null}
          Sign in
        </Button>
      </form>

      {ssoName ? (
        <Button variant="secondary" size="lg" className="mt-3 w-full" onClick={() => void signIn("oidc", { callbackUrl })}>
          Continue with {ssoName}
        </Button>
      ) : null}

      {demoAccounts.length > 0 ? (
        <div className="mt-10 rounded-lg border border-line bg-surface p-4">
          <h3 className="text-sm font-semibold text-ink">Demo accounts</h3>
          <p className="mt-0.5 text-xs text-muted">
            Password <code className="rounded bg-subtle px-1 py-0.5 font-mono text-ink-2">{demoPassword}</code> for each. Pick one to fill in the form.
          </p>
          <ul className="mt-3 divide-y divide-line">
            {demoAccounts.map((account) => (
              <li key={account.email}>
                <button
                  type="button"
                  onClick={() => useAccount(account.email)}
                  className="flex w-full items-center justify-between gap-3 rounded px-1 py-2 text-left hover:bg-subtle"
                >
                  <span className="min-w-0">
                    <span className="block text-sm font-medium text-ink">{account.role}</span>
                    <span className="block truncate text-xs text-muted">{account.email}</span>
                  </span>
                  <span className="shrink-0 text-xs font-medium text-brand">Use</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

/** The throttle's answer carries the seconds to wait as `TooManyAttempts:<seconds>` (app/api/auth/[...nextauth]/route.ts). */
function tooManyAttempts(error: string | null | undefined): string {
  const seconds = Number(/^TooManyAttempts:(\d+)$/.exec(error ?? "")?.[1] ?? 60);
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
