"use client";

import { Info } from "lucide-react";
import { Tooltip } from "radix-ui";
import { useState } from "react";
import { cn } from "@/lib/ui/cn";

/**
 * A definition one hover or focus away: an "i" button that opens a tooltip on hover, on keyboard
 * focus and on tap (phones have no hover). The text is the button's accessible description while
 * open; Escape closes it.
 */
export function InfoTip({ label, children, className }: { label: string; children: React.ReactNode; className?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Tooltip.Root open={open} onOpenChange={setOpen}>
      <Tooltip.Trigger asChild>
        <button
          type="button"
          aria-label={`What is “${label}”?`}
          onClick={(event) => {
            event.preventDefault();
            setOpen(true);
          }}
          className={cn(
            "inline-grid size-5 shrink-0 place-items-center rounded-full text-faint hover:bg-subtle hover:text-ink-2 focus-visible:text-ink-2",
            className,
          )}
        >
          <Info className="size-3.5" aria-hidden />
        </button>
      </Tooltip.Trigger>
      <Tooltip.Portal>
        <Tooltip.Content
          side="top"
          sideOffset={6}
          collisionPadding={12}
          className="z-50 max-w-xs rounded-md bg-nav px-3 py-2 text-xs leading-relaxed text-white shadow-lg"
        >
          <span className="block font-semibold">{label}</span>
          <span className="block text-slate-200">{children}</span>
          <Tooltip.Arrow className="fill-nav" />
        </Tooltip.Content>
      </Tooltip.Portal>
    </Tooltip.Root>
  );
}
