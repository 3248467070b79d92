import type { Metadata } from "next";
import Link from "next/link";
import { Logo } from "@/components/shell/logo";
import { getDb } from "@/db";
import { findInvitation } from "@/db/queries/invitations";
import { AcceptInvitationForm } from "./accept-form";

export const metadata: Metadata = { title: "Set your password", referrer: "no-referrer" };

/** An invitation link: shows who it is for and asks for a password. Opening it changes nothing. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = /^[A-Za-z0-9_-]{43}$/.test(token) ? await findInvitation(await getDb(), token) : null;
  return (
    <main className="flex min-h-dvh flex-col justify-center bg-canvas px-5 py-10">
      <div className="mx-auto w-full max-w-sm">
        <Logo className="mb-8 text-lg text-ink" />
        {invitation?.status === "valid" ? (
          <>
            <h1 className="text-2xl font-semibold tracking-tight text-ink">Welcome, {invitation.name}</h1>
            <p className="mt-1 text-sm text-muted">
              You have been added to <span className="font-medium text-ink-2">{invitation.workspaceName}</span>. Choose a password for{" "}
              <span className="font-medium text-ink-2">{invitation.email}</span>.
            </p>
            <AcceptInvitationForm token={token} />
          </>
        ) : (
          <>
            <h1 className="text-2xl font-semibold tracking-tight text-ink">
              {invitation?.status === "used" ? "This invitation has been used" : invitation?.status === "expired" ? "This invitation has expired" : "This link does not work"}
            </h1>
            <p className="mt-2 text-sm text-muted">
              {invitation?.status === "used"
                ? "A password has been set for this account already. Sign in with it, or ask your administrator to reset it."
                : "Invitation links work once and for a limited time. Ask your administrator for a new link."}
            </p>
            <Link href="/sign-in" className="mt-6 inline-block text-sm font-medium text-brand hover:underline">
              Go to sign-in
            </Link>
          </>
        )}
      </div>
    </main>
  );
}
