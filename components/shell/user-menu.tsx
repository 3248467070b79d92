"use client";

import { ChevronsUpDown, LogOut } from "lucide-react";
import { signOut } from "next-auth/react";
import { DropdownMenu } from "radix-ui";

export function UserMenu({ name, email, roleLabel }: { name: string; email: string; roleLabel: string }) {
  const initials = name
    .split(/\s+/)
    .map((part) => part[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <button type="button" className="flex items-center gap-2 rounded-md py-1 pl-1 pr-2 text-left hover:bg-subtle">
          <span className="sr-only">Account: </span>
          <span aria-hidden className="grid size-8 place-items-center rounded-full bg-brand-soft text-xs font-semibold text-brand">
            {initials}
          </span>{" "}
          <span className="min-w-0 max-sm:sr-only">
            <span className="block truncate text-sm font-medium text-ink">{name}</span>{" "}
            <span className="block truncate text-xs text-muted">{roleLabel}</span>
          </span>
          <ChevronsUpDown className="hidden size-4 text-faint sm:block" aria-hidden />
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-56 rounded-lg border border-line bg-surface p-1 shadow-lg">
          <div className="px-3 py-2">
            <p className="text-sm font-medium text-ink">{name}</p>
            <p className="text-xs text-muted">{email}</p>
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-line" />
          <DropdownMenu.Item
            onSelect={() => void signOut({ callbackUrl: "/sign-in" })}
            className="flex cursor-pointer items-center gap-2 rounded-md px-3 py-2 text-sm text-ink-2 outline-none data-[highlighted]:bg-subtle"
          >
            <LogOut className="size-4" aria-hidden /> Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
