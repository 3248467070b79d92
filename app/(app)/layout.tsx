import { Logo } from "@/components/shell/logo";
import { MobileNav } from "@/components/shell/mobile-nav";
import { NavLinks } from "@/components/shell/nav-links";
import { UserMenu } from "@/components/shell/user-menu";
import { WorkspaceSwitcher } from "@/components/shell/workspace-switcher";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { navigationFor } from "@/lib/navigation";
import Link from "next/link";

/** Every page here depends on who is signed in: never prerendered. */
export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const sections = navigationFor(user.role);
  const current = { workspaceId: user.workspaceId, workspaceName: user.workspaceName };
  const switcher = <WorkspaceSwitcher current={current} options={user.memberships} />;
  return (
    <div className="min-h-dvh lg:grid lg:grid-cols-[15.5rem_1fr]">
      <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus:rounded focus:bg-surface focus:px-3 focus:py-2">
        Skip to content
      </a>
      <aside className="sticky top-0 hidden h-dvh flex-col bg-nav px-3 py-5 lg:flex">
        <Link href="/" className="mb-7 px-3 text-white">
          <Logo />
        </Link>
        <div className="flex-1 overflow-y-auto">
          <NavLinks sections={sections} />
        </div>
        <div className="border-t border-slate-800 pt-4">{switcher}</div>
      </aside>
      <div className="min-w-0">
        <header className="sticky top-0 z-30 flex h-14 items-center justify-between gap-3 border-b border-line bg-surface/95 px-4 backdrop-blur sm:px-6">
          <div className="flex min-w-0 items-center gap-2">
            <MobileNav sections={sections} footer={switcher} />
            <Link href="/" className="text-ink lg:hidden">
              <Logo />
            </Link>
            <p className="hidden truncate text-sm text-muted lg:block">{user.workspaceName}</p>
          </div>
          <UserMenu name={user.name} email={user.email} roleLabel={ROLE_LABELS[user.role]} />
        </header>
        <main id="main" className="mx-auto w-full max-w-[1400px] px-4 py-6 sm:px-6 lg:px-8 lg:py-8">
          {children}
        </main>
      </div>
    </div>
  );
}
