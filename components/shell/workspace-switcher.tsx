"use client";

import { Building2 } from "lucide-react";
import { useTransition } from "react";
import { switchWorkspace } from "@/app/(app)/actions";

interface Option {
  workspaceId: string;
  workspaceName: string;
}

/** Shows the current workspace; when the user belongs to several, lets them switch. */
export function WorkspaceSwitcher({ current, options, tone = "dark" }: { current: Option; options: Option[]; tone?: "dark" | "light" }) {
  const [pending, startTransition] = useTransition();
  const text = tone === "dark" ? "text-slate-200" : "text-ink-2";
  if (options.length < 2) {
    return (
      <p className={`flex items-center gap-2 px-3 text-sm ${text}`}>
        <Building2 className="size-4 shrink-0 text-slate-400" aria-hidden />
        <span className="truncate">{current.workspaceName}</span>
      </p>
    );
  }
  return (
    <label className={`flex items-center gap-2 px-3 text-sm ${text}`}>
      <Building2 className="size-4 shrink-0 text-slate-400" aria-hidden />
      <span className="sr-only">Workspace</span>
      <select
        className="w-full truncate rounded-md border border-slate-700 bg-transparent px-2 py-1.5 text-sm"
        value={current.workspaceId}
        disabled={pending}
        onChange={(event) => {
          const workspaceId = event.target.value;
          startTransition(async () => {
            await switchWorkspace(workspaceId);
          });
        }}
      >
        {options.map((option) => (
          <option key={option.workspaceId} value={option.workspaceId} className="text-ink">
            {option.workspaceName}
          </option>
        ))}
      </select>
    </label>
  );
}
