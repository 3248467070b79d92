"use client";

import { Menu, X } from "lucide-react";
import { Dialog } from "radix-ui";
import { useState } from "react";
import type { NavSection } from "@/lib/navigation";
import { Logo } from "./logo";
import { NavLinks } from "./nav-links";

export function MobileNav({ sections, footer }: { sections: NavSection[]; footer: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <button type="button" className="-ml-2 rounded-md p-2 text-ink-2 hover:bg-subtle lg:hidden" aria-label="Open menu">
          <Menu className="size-5" aria-hidden />
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-950/50 lg:hidden" />
        <Dialog.Content className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col bg-nav p-4 text-white shadow-xl lg:hidden">
          <div className="mb-6 flex items-center justify-between">
            <Dialog.Title asChild>
              <div>
                <Logo className="text-white" />
              </div>
            </Dialog.Title>
            <Dialog.Description className="sr-only">Pages of Switchboard you can open</Dialog.Description>
            <Dialog.Close className="rounded-md p-2 text-slate-300 hover:bg-nav-active" aria-label="Close menu">
              <X className="size-5" aria-hidden />
            </Dialog.Close>
          </div>
          <div className="flex-1 overflow-y-auto">
            <NavLinks sections={sections} onNavigate={() => setOpen(false)} />
          </div>
          <div className="border-t border-slate-800 pt-4">{footer}</div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
