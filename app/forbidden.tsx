import Link from "next/link";
import { ShieldX } from "lucide-react";

export default function Forbidden() {
  return (
    <div className="grid min-h-[60dvh] place-items-center px-4">
      <div className="max-w-md text-center">
        <ShieldX className="mx-auto size-10 text-bad" aria-hidden />
        <h1 className="mt-4 text-xl font-semibold text-ink">You don’t have access to this page</h1>
        <p className="mt-2 text-sm text-muted">
          Your role in this workspace does not include it. If you need it, ask a workspace administrator to change your role.
        </p>
        <Link href="/start" className="mt-6 inline-flex h-10 items-center rounded-md bg-brand px-4 text-sm font-medium text-white hover:bg-brand-hover">
          Back to your home page
        </Link>
      </div>
    </div>
  );
}
