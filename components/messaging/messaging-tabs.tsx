import Link from "next/link";
import { cn } from "@/lib/ui/cn";

const TABS = [
  { href: "/settings/messaging", label: "Outbox" },
  { href: "/settings/messaging/opt-outs", label: "Opt-outs" },
] as const;

/** Outbox | Opt-outs: two pages of one subject, as links (each view has its own URL). */
export function MessagingTabs({ current }: { current: (typeof TABS)[number]["href"] }) {
  return (
    <nav aria-label="Messaging" className="mb-5 flex gap-1 border-b border-line">
      {TABS.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={tab.href === current ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
            tab.href === current ? "border-brand text-ink" : "border-transparent text-muted hover:text-ink",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
