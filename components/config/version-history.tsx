"use client";

import { History, RotateCcw, Upload } from "lucide-react";
import Link from "next/link";
import { parseAsInteger, useQueryStates } from "nuqs";
import { useRouter } from "next/navigation";
import { publishConfig, type SavedItem } from "@/app/(app)/config/actions";
import { Card, CardHeader } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/form-message";
import { IDLE } from "@/lib/auth/action-state";
import { diffFields } from "@/lib/config/diff";
import { type ConfigKind, configPath } from "@/lib/config/labels";
import { inputClass } from "./controls";
import { Badge } from "./badges";
import { ConfirmButton } from "./confirm";
import { DiffView } from "./diff-view";
import { useConfigAction } from "./use-config-action";

export interface VersionRow {
  version: number;
  /** Already formatted in the workspace time zone. */
  createdAt: string;
  createdBy: string;
  fields: Record<string, unknown>;
}

/**
 * Every saved version with who saved it and when, a readable diff between any two, and publishing
 * any of them again (a roll back when it is older than the live one).
 */
export function VersionHistory({
  kind,
  id,
  versions,
  publishedVersion,
  canEdit,
  valueNames = {},
}: {
  kind: ConfigKind;
  id: string;
  /** Newest first. */
  versions: VersionRow[];
  publishedVersion: number | null;
  canEdit: boolean;
  /** Readable names for ids that appear as values (an offer's SMS template). */
  valueNames?: Record<string, string>;
}) {
  const router = useRouter();
  const publish = useConfigAction<SavedItem>();
  const latest = versions[0]?.version ?? 1;
  const defaultFrom = publishedVersion !== null && publishedVersion !== latest ? publishedVersion : Math.max(1, latest - 1);
  const [compare, setCompare] = useQueryStates({ from: parseAsInteger.withDefault(defaultFrom), to: parseAsInteger.withDefault(latest) }, { history: "replace", scroll: false });
  const byVersion = new Map(versions.map((row) => [row.version, row]));
  const from = byVersion.get(compare.from) ?? byVersion.get(defaultFrom);
  const to = byVersion.get(compare.to) ?? byVersion.get(latest);
  const changes = from && to ? diffFields(from.fields, to.fields) : [];
  const options = versions.map((row) => (
    <option key={row.version} value={row.version}>
      Version {row.version}
      {row.version === publishedVersion ? " (live)" : ""}
    </option>
  ));

  return (
    <Card>
      <CardHeader
        title={
          <span className="inline-flex items-center gap-2">
            <History className="size-4 text-muted" aria-hidden /> Versions
          </span>
        }
        description={`${versions.length} saved version${versions.length === 1 ? "" : "s"}; any one can be published again.`}
      />
      <div className="grid lg:grid-cols-[minmax(0,20rem)_1fr]">
        <ol className="divide-y divide-line border-b border-line lg:border-b-0 lg:border-r" aria-label="Saved versions">
          {versions.map((row) => {
            const isLive = row.version === publishedVersion;
            const isRollback = publishedVersion !== null && row.version < publishedVersion;
            return (
              <li key={row.version} className="px-5 py-3">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <p className="flex items-center gap-2 text-sm font-medium text-ink">
                    Version {row.version}
                    {isLive ? <Badge tone="good">Live</Badge> : null}
                    {row.version === latest && !isLive ? <Badge tone="warn">Latest</Badge> : null}
                  </p>
                  {canEdit && !isLive && row.version !== latest ? (
                    <ConfirmButton
                      size="sm"
                      variant="ghost"
                      disabled={publish.pending}
                      aria-label={`${isRollback ? "Roll back to" : "Publish"} version ${row.version}`}
                      title={isRollback ? `Roll back to version ${row.version}?` : `Publish version ${row.version}?`}
                      description={
                        <>
                          <p>
                            Version {row.version} goes live at once{publishedVersion !== null ? `, replacing version ${publishedVersion}` : ""}. No version is deleted: you can
                            publish any other again later.
                          </p>
                          {row.version !== latest ? <p>The latest version ({latest}) stays the one that edits start from.</p> : null}
                        </>
                      }
                      confirmLabel={isRollback ? "Roll back" : "Publish"}
                      onConfirm={() => publish.run(() => publishConfig(IDLE, { kind, id, version: row.version }), () => router.refresh())}
                    >
                      {isRollback ? <RotateCcw className="size-3.5" aria-hidden /> : <Upload className="size-3.5" aria-hidden />}
                      {isRollback ? "Roll back" : "Publish"}
                    </ConfirmButton>
                  ) : null}
                </div>
                <p className="mt-0.5 text-xs text-muted">
                  {row.createdBy} · {row.createdAt}
                </p>
                <div className="mt-1 flex flex-wrap gap-x-3 text-xs">
                  <button type="button" className="text-brand hover:underline" onClick={() => void setCompare({ from: byVersion.has(row.version - 1) ? row.version - 1 : row.version, to: row.version })}>
                    What changed
                  </button>
                  {canEdit && row.version !== latest ? (
                    <Link href={`${configPath(kind, id)}?start=${row.version}`} className="text-brand hover:underline">
                      Edit a copy
                    </Link>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ol>
        <div className="min-w-0 space-y-4 px-5 py-4">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm text-ink-2">
            <label className="flex items-center gap-2">
              Compare
              <select className={`${inputClass} h-9 w-auto border-line-strong`} value={from?.version} onChange={(event) => void setCompare({ from: Number(event.target.value) })}>
                {options}
              </select>
            </label>
            <label className="flex items-center gap-2">
              with
              <select className={`${inputClass} h-9 w-auto border-line-strong`} value={to?.version} onChange={(event) => void setCompare({ to: Number(event.target.value) })}>
                {options}
              </select>
            </label>
          </div>
          <div aria-live="polite">
            <DiffView
              changes={changes}
              empty={
                versions.length === 1
                  ? "Only one version so far. Each saved edit adds one, and you can compare any two here."
                  : from?.version === to?.version
                    ? "Choose two different versions to see what changed."
                    : "These versions have the same content."
              }
              valueFor={(path, value) => (typeof value === "string" && valueNames[value] ? valueNames[value] : undefined)}
            />
          </div>
          {publish.state.status !== "idle" ? <FormMessage state={publish.state} /> : null}
          <p className="text-xs text-muted">Every change is also in the audit log, with who made it and when.</p>
        </div>
      </div>
    </Card>
  );
}
