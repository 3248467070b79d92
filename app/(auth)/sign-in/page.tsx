import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { Logo } from "@/components/shell/logo";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/db/demo-accounts";
import { safeCallbackUrl } from "@/lib/auth/redirect";
import { auth } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { env } from "@/lib/env";
import { appOrigin } from "@/lib/security/https";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

/** Where to go after signing in: a path on this app, whatever the link said. */
async function callbackFrom(value: string | string[] | undefined): Promise<string> {
  const request = await headers();
  const origin = appOrigin({
    publicUrl: process.env.NEXTAUTH_URL,
    forwardedProto: request.get("x-forwarded-proto"),
    host: request.get("x-forwarded-host") ?? request.get("host"),
  });
  // With no usable host only a path can match the stand-in origin, which is all a link needs.
  return safeCallbackUrl(Array.isArray(value) ? value[0] : value, origin ?? "http://switchboard.invalid");
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = await callbackFrom(params.callbackUrl);
  if (await auth()) redirect(callbackUrl);
  const config = env();
  const demoAccounts = config.demoMode
    ? DEMO_ACCOUNTS.map((account) => ({ email: account.email, role: ROLE_LABELS[account.role], name: account.name }))
    : [];

  return (
    <div className="min-h-dvh lg:grid lg:grid-cols-[1.05fr_1fr]">
      <section className="relative hidden overflow-hidden bg-nav px-12 py-12 text-white lg:flex lg:flex-col">
        <Logo className="text-lg" />
        <div className="my-auto max-w-lg">
          <h1 className="text-4xl font-semibold leading-tight tracking-tight">
            Move callers to self-service, <span className="text-indigo-300">and prove it worked.</span>
          </h1>
          <p className="mt-5 text-base leading-relaxed text-slate-300">
            Deflection funnels from offer to confirmed deflection, bounce-backs as loud as successes, the call types your bot
            cannot answer yet, and what it is all worth each month.
          </p>
          <dl className="mt-10 grid grid-cols-3 gap-6 border-t border-slate-800 pt-8 text-sm">
            <div>
              <dt className="text-slate-400">Confirmed only</dt>
              <dd className="mt-1 text-slate-200">No callback within the attribution window</dd>
            </div>
            <div>
              <dt className="text-slate-400">Failure visible</dt>
              <dd className="mt-1 text-slate-200">Bounce-backs, escalations, unresolved chats</dd>
            </div>
            <div>
              <dt className="text-slate-400">Human always reachable</dt>
              <dd className="mt-1 text-slate-200">Escalation can never be configured away</dd>
            </div>
          </dl>
        </div>
        <p className="text-xs text-slate-500">Switchboard · call-deflection operations</p>
      </section>

      <section className="flex min-h-dvh flex-col justify-center px-5 py-10 sm:px-10 lg:min-h-0">
        <div className="mx-auto w-full max-w-sm">
          <div className="mb-8 lg:hidden">
            <Logo className="text-lg text-ink" />
          </div>
          <h2 className="text-2xl font-semibold tracking-tight text-ink">Sign in</h2>
          <p className="mt-1 text-sm text-muted">Use your work email and password.</p>
          <SignInForm callbackUrl={callbackUrl} demoAccounts={demoAccounts} demoPassword={config.demoMode ? DEMO_PASSWORD : undefined} ssoName={config.oidcEnabled ? config.OIDC_NAME : undefined} />
        </div>
      </section>
    </div>
  );
}
