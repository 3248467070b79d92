"use client";

import { Copy, Power, PowerOff, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { deleteConfig, duplicateConfig, setConfigEnabled, type SavedItem } from "@/app/(app)/config/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { IDLE } from "@/lib/auth/action-state";
import { type ConfigKind, configPath, KIND_LABELS } from "@/lib/config/labels";
import { ConfirmButton } from "./confirm";
import { useConfigAction } from "./use-config-action";

/** Duplicate, switch off or on, delete: the item-level actions of an editor page's header. */
export function ItemActions({
  kind,
  id,
  name,
  version,
  publishedVersion,
  enabled,
}: {
  kind: ConfigKind;
  id: string;
  name: string;
  version: number;
  publishedVersion: number | null;
  /** Whether the live version (else the draft) is enabled; absent for SMS templates. */
  enabled?: boolean;
}) {
  const router = useRouter();
  const action = useConfigAction<SavedItem>();
  const { label } = KIND_LABELS[kind];
  const live = publishedVersion !== null;
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <Button
          variant="secondary"
          size="sm"
          disabled={action.pending}
          onClick={() => action.run(() => duplicateConfig(IDLE, { kind, id }), (result) => router.push(configPath(kind, result.data!.id)))}
        >
          <Copy className="size-3.5" aria-hidden /> Duplicate
        </Button>
        {enabled === undefined || kind === "sms_template" ? null : (
          <ConfirmButton
            variant="secondary"
            size="sm"
            disabled={action.pending}
            title={`${enabled ? "Disable" : "Enable"} “${name}”?`}
            description={
              live ? (
                <>
                  <p>
                    This takes effect at once: the live version is copied with the {label} {enabled ? "switched off" : "switched on"}, and that copy is
                    published.
                  </p>
                  {publishedVersion !== version ? <p>Your unpublished draft (version {version}) is not published; it stays in the history.</p> : null}
                </>
              ) : (
                <p>This {label} is not live yet; this only changes the draft.</p>
              )
            }
            confirmLabel={enabled ? "Disable" : "Enable"}
            tone={enabled ? "danger" : "primary"}
            onConfirm={() => action.run(() => setConfigEnabled(IDLE, { kind: kind as "ivr_offer" | "escalation_rule", id, enabled: !enabled, version }), () => router.refresh())}
          >
            {enabled ? <PowerOff className="size-3.5" aria-hidden /> : <Power className="size-3.5" aria-hidden />} {enabled ? "Disable" : "Enable"}
          </ConfirmButton>
        )}
        <ConfirmButton
          variant="secondary"
          size="sm"
          className="text-bad"
          disabled={action.pending}
          title={`Delete “${name}”?`}
          description={
            <>
              <p>
                The {label} and its {version} version{version === 1 ? "" : "s"} are removed{live ? ", and it stops being live at once" : ""}. The audit log keeps a
                record of what it was.
              </p>
            </>
          }
          confirmLabel="Delete"
          tone="danger"
          onConfirm={() => action.run(() => deleteConfig(IDLE, { kind, id }), () => router.push(configPath(kind)))}
        >
          <Trash2 className="size-3.5" aria-hidden /> Delete
        </ConfirmButton>
      </div>
      {action.state.status === "error" ? (
        <div className="max-w-md">
          <FormMessage state={action.state} />
        </div>
      ) : null}
    </div>
  );
}
