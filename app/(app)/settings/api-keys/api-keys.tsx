"use client";

import { useActionState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { ShownOnce } from "@/components/ui/shown-once";
import { FormMessage, fieldError } from "@/components/ui/form-message";
import { IDLE } from "@/lib/auth/action-state";
import { API_SCOPES, type ApiScope } from "@/lib/domain";
import { createKey, revokeKey } from "../actions";

const SCOPE_HELP: Record<ApiScope, string> = {
  "events:write": "Send events (POST /api/v1/events)",
  "metrics:read": "Read funnels, parity, ROI and journeys",
  "config:read": "Read IVR offers, SMS templates, escalation rules",
  "config:write": "Create, edit and publish configuration",
  "settings:write": "Change workspace settings",
  runtime: "Answer live calls: offer decisions and escalations (POST /api/v1/decide, /escalate)",
};

interface KeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const date = (iso: string) => new Date(iso).toLocaleDateString("en-US", { year: "numeric", month: "short", day: "numeric" });

export function ApiKeyList({ keys }: { keys: KeyRow[] }) {
  const [state, action] = useActionState(revokeKey, IDLE);
  const [pending, startTransition] = useTransition();
  return (
    <Card>
      <CardHeader title="Keys" description={`${keys.filter((k) => !k.revokedAt).length} active`} />
      {keys.length === 0 ? (
        <p className="px-5 py-8 text-center text-sm text-muted">No API keys yet. Create one for each system that sends events.</p>
      ) : (
        <ul className="divide-y divide-line">
          {keys.map((key) => (
            <li key={key.id} className="flex flex-wrap items-start justify-between gap-3 px-5 py-4">
              <div className="min-w-0">
                <p className="font-medium text-ink">
                  {key.name}{" "}
                  {key.revokedAt ? <span className="ml-1 rounded bg-bad-soft px-1.5 py-0.5 text-xs font-medium text-bad">Revoked</span> : null}
                </p>
                <p className="mt-0.5 font-mono text-xs text-muted">{key.prefix}…</p>
                <p className="mt-1 flex flex-wrap gap-1">
                  {key.scopes.map((scope) => (
                    <span key={scope} className="rounded bg-subtle px-1.5 py-0.5 font-mono text-[11px] text-ink-2">
                      {scope}
                    </span>
                  ))}
                </p>
                <p className="mt-1 text-xs text-muted">
                  Created {date(key.createdAt)} · {key.lastUsedAt ? `last used ${date(key.lastUsedAt)}` : "never used"}
                </p>
              </div>
              {key.revokedAt ? null : (
                <Button
                  variant="secondary"
                  size="sm"
                  disabled={pending}
                  onClick={() => {
                    if (confirm(`Revoke "${key.name}"? Systems using it will get 401 at once.`)) startTransition(() => action({ id: key.id }));
                  }}
                >
                  Revoke
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {state.status !== "idle" ? (
        <div className="px-5 pb-4">
          <FormMessage state={state} />
        </div>
      ) : null}
    </Card>
  );
}

export function CreateApiKeyForm() {
  const [state, action, pending] = useActionState(createKey, IDLE);
  const key = state.status === "ok" ? (state.data as { key: string } | undefined)?.key : undefined;
  return (
    <Card>
      <CardHeader title="Create a key" description="Give each system its own key with only the scopes it needs." />
      <form
        action={(form) => {
          action({ name: form.get("name"), scopes: form.getAll("scopes") });
        }}
        className="space-y-4 p-5"
      >
        <TextField label="Name" name="name" placeholder="e.g. Genesys IVR events" required error={fieldError(state, "name")} />
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-ink-2">Scopes</legend>
          {API_SCOPES.map((scope) => (
            <label key={scope} className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === "events:write"} className="mt-0.5 size-4 accent-brand" />
              <span>
                <span className="font-mono text-xs text-ink">{scope}</span>
                <span className="block text-xs text-muted">{SCOPE_HELP[scope]}</span>
              </span>
            </label>
          ))}
          {fieldError(state, "scopes") ? <p className="text-sm text-bad">{fieldError(state, "scopes")}</p> : null}
        </fieldset>
        <FormMessage state={state} />
        {key ? <ShownOnce label="New key (shown once)" value={key} copyLabel="Copy the key" testId="new-api-key" /> : null}
        <Button type="submit" disabled={pending}>
          Create key
        </Button>
      </form>
    </Card>
  );
}
