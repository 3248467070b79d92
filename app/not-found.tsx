import Link from "next/link";

export default function NotFound() {
  return (
    <div className="grid min-h-[60dvh] place-items-center px-4">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-brand">404</p>
        <h1 className="mt-2 text-xl font-semibold text-ink">This page does not exist</h1>
        <p className="mt-2 text-sm text-muted">The link may be old, or the item was removed.</p>
        <Link href="/start" className="mt-6 inline-flex h-10 items-center rounded-md bg-brand px-4 text-sm font-medium text-white hover:bg-brand-hover">
          Back to your home page
        </Link>
      </div>
    </div>
  );
}
