"use client";

import {
  ArrowDownToLine,
  BookOpenCheck,
  ChartNoAxesCombined,
  Filter,
  FlaskConical,
  KeyRound,
  LayoutDashboard,
  MessagesSquare,
  MessageSquareText,
  PhoneForwarded,
  ScrollText,
  Settings,
  ShieldAlert,
  Users,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { NavIcon, NavSection } from "@/lib/navigation";
import { cn } from "@/lib/ui/cn";

const ICONS: Record<NavIcon, React.ComponentType<{ className?: string; "aria-hidden"?: boolean }>> = {
  overview: LayoutDashboard,
  funnels: Filter,
  parity: BookOpenCheck,
  roi: ChartNoAxesCombined,
  impact: FlaskConical,
  ivr: PhoneForwarded,
  sms: MessageSquareText,
  escalation: ShieldAlert,
  audit: ScrollText,
  import: ArrowDownToLine,
  settings: Settings,
  users: Users,
  keys: KeyRound,
  messaging: MessagesSquare,
};

function isActive(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  if (href === "/settings") return pathname === "/settings";
  return pathname === href || pathname.startsWith(`${href}/`);
}

export function NavLinks({ sections, onNavigate }: { sections: NavSection[]; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="space-y-6">
      {sections.map((section) => (
        <div key={section.title}>
          <p className="px-3 pb-1.5 text-[11px] font-semibold uppercase tracking-wider text-slate-400">{section.title}</p>
          <ul className="space-y-0.5">
            {section.items.map((item) => {
              const Icon = ICONS[item.icon];
              const active = isActive(pathname, item.href);
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    onClick={onNavigate}
                    aria-current={active ? "page" : undefined}
                    className={cn(
                      "flex items-center gap-2.5 rounded-md px-3 py-2 text-sm font-medium transition-colors",
                      active ? "bg-nav-active text-white" : "text-nav-ink hover:bg-nav-active/60 hover:text-white",
                    )}
                  >
                    <Icon className={cn("size-4 shrink-0", active ? "text-indigo-300" : "text-slate-400")} aria-hidden />
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
