"use client";

import { RefreshCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { publishConfig, saveConfigItem, type SavedItem } from "@/app/(app)/config/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { IDLE } from "@/lib/auth/action-state";
import { sameJson } from "@/lib/config/diff";
import { type ConfigKind, configPath } from "@/lib/config/labels";
import { Notice } from "./badges";
import { ConfirmButton } from "./confirm";
import { fieldErrorsOf, useConfigAction } from "./use-config-action";

export interface EditorRenderProps<Fields> {
  fields: Fields;
  set: (patch: Partial<Fields>) => void;
  errors: Record<string, string>;
  readOnly: boolean;
}

export interface ConfigEditorProps<Fields> {
  kind: ConfigKind;
  /** Absent when creating. */
  id?: string;
  version?: number;
  publishedVersion?: number | null;
  /** The latest saved fields (or the defaults of a new item): what "unsaved changes" compares with. */
  baseline: Fields;
  /** Where editing starts when not from the latest version (`?start=N`: "edit a copy of version N"). */
  initial?: Fields;
  startedFrom?: number;
  readOnly: boolean;
  /** Describes what publishing does, for the confirmation. */
  publishSummary?: string;
  /** Problems the current fields would meet on publish (DTMF keys, the safety valve), shown live. */
  warnings?: (fields: Fields) => React.ReactNode;
  children: (props: EditorRenderProps<Fields>) => React.ReactNode;
}

/**
 * The frame every configuration editor shares: the fields state, Save draft and Publish, the
 * server's field errors, and the conflict notice when someone else saved first.
 */
export function ConfigEditor<Fields extends Record<string, unknown>>({
  kind,
  id,
  version,
  publishedVersion = null,
  baseline,
  initial,
  startedFrom,
  readOnly,
  publishSummary,
  warnings,
  children,
}: ConfigEditorProps<Fields>) {
  const router = useRouter();
  const [fields, setFields] = useState<Fields>(initial ?? baseline);
  const save = useConfigAction<SavedItem>();
  const publish = useConfigAction<SavedItem>();
  const dirty = useMemo(() => !sameJson(fields, baseline), [fields, baseline]);
  const errors = fieldErrorsOf(save.state);
  const conflict = errors.version;
  const creating = id === undefined;
  const live = publishedVersion !== null && publishedVersion === version;
  const last = publish.state.status !== "idle" && !dirty ? publish.state : save.state;

  // A new version from the server (this editor's save, a reload, someone's rollback) restarts the
  // editing from it. The answer that made that version stays on screen; any other is dropped (a
  // stale-edit notice, say, once the newer version is loaded).
  const revision = `${version ?? "new"}:${startedFrom ?? "latest"}`;
  const [shownRevision, setShownRevision] = useState(revision);
  if (shownRevision !== revision) {
    setShownRevision(revision);
    setFields(initial ?? baseline);
    for (const action of [save, publish]) if (!(action.state.status === "ok" && action.state.data?.version === version)) action.reset();
  }

  useEffect(() => {
    if (!dirty || readOnly) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty, readOnly]);

  const set = (patch: Partial<Fields>) => setFields((current) => ({ ...current, ...patch }));

  const onSave = () =>
    save.run(
      () => saveConfigItem(IDLE, { kind, id, version, fields }),
      (result) => {
        if (creating) router.push(configPath(kind, result.data!.id));
        else router.replace(configPath(kind, id), { scroll: false });
      },
    );

  const onPublish = () =>
    publish.run(
      () => publishConfig(IDLE, { kind, id: id!, version }),
      () => router.refresh(),
    );

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!readOnly && (dirty || creating)) onSave();
      }}
    >
      {startedFrom !== undefined && !readOnly ? (
        <Notice tone="info" title={`Started from version ${startedFrom}`} className="mx-5 mt-5">
          Saving makes it version {(version ?? 0) + 1}, a new draft. Nothing changes until you publish it.
        </Notice>
      ) : null}
      <fieldset disabled={readOnly} className="min-w-0">
        <legend className="sr-only">Fields</legend>
        {children({ fields, set, errors, readOnly })}
      </fieldset>
      {readOnly ? null : (
        <div className="space-y-3 rounded-b-lg border-t border-line bg-subtle/40 px-5 py-4">
          {warnings?.(fields)}
          {conflict ? (
            <Notice
              tone="warn"
              title="Someone else saved this first"
              actions={
                <Button size="sm" variant="secondary" onClick={() => router.refresh()}>
                  <RefreshCw className="size-3.5" aria-hidden /> Reload
                </Button>
              }
            >
              {conflict} Reloading shows their version; your unsaved changes will be replaced.
            </Notice>
          ) : last.status !== "idle" ? (
            <FormMessage state={last} />
          ) : (
            <p role="status" className="sr-only" />
          )}
          {errors.form && !conflict ? <p className="text-sm text-bad">{errors.form}</p> : null}
          <div className="flex flex-wrap items-center gap-2">
            <Button type="submit" variant={dirty || creating ? "primary" : "secondary"} disabled={(!dirty && !creating) || save.pending}>
              {save.pending ? "Saving…" : creating ? "Save draft" : "Save as new draft"}
            </Button>
            {dirty && !creating ? (
              <Button variant="ghost" onClick={() => (setFields(baseline), save.reset())} disabled={save.pending}>
                Discard changes
              </Button>
            ) : null}
            {!creating && !dirty && !live ? (
              <ConfirmButton
                title={`Publish version ${version}?`}
                description={
                  <>
                    <p>{publishSummary ?? "It goes live at once, replacing the version that is live now."}</p>
                    {publishedVersion !== null ? <p>Version {publishedVersion} stays in the history; you can publish it again to roll back.</p> : null}
                  </>
                }
                confirmLabel="Publish"
                onConfirm={onPublish}
                disabled={publish.pending}
              >
                {publish.pending ? "Publishing…" : `Publish version ${version}`}
              </ConfirmButton>
            ) : null}
            <p className="text-xs text-muted sm:ml-auto">
              {creating
                ? "A new item starts as a draft: nothing goes live until you publish."
                : dirty
                  ? "Unsaved changes. Save them as a draft, then publish."
                  : live
                    ? `Version ${version} is live.`
                    : `Version ${version} is saved but not live.`}
            </p>
          </div>
        </div>
      )}
    </form>
  );
}
