"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { FormMessage, fieldError } from "@/components/ui/form-message";
import { IDLE } from "@/lib/auth/action-state";
import type { NetSavingsCosts, WorkspaceSettings } from "@/lib/settings/schema";
import { savePhoneCostOverride, saveSettings } from "./actions";

export function SettingsForm({ settings, costs, timeZones }: { settings: WorkspaceSettings; costs: NetSavingsCosts; timeZones: string[] }) {
  const [state, action, pending] = useActionState(saveSettings, IDLE);
  return (
    <Card>
      <CardHeader title="Attribution and costs" description="Changes apply to every metric at once, past periods included." />
      <form action={action} className="space-y-5 p-5">
        <div className="space-y-1.5">
          <label htmlFor="timeZone" className="block text-sm font-medium text-ink-2">
            Time zone
          </label>
          <select
            id="timeZone"
            name="timeZone"
            defaultValue={settings.timeZone}
            className="block h-10 w-full rounded-md border border-line-strong bg-surface px-3 text-sm"
            aria-describedby="timeZone-hint"
          >
            {timeZones.map((zone) => (
              <option key={zone}>{zone}</option>
            ))}
          </select>
          <p id="timeZone-hint" className="text-xs text-muted">
            Days and months of every report are counted in this time zone.
          </p>
        </div>
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField
            label="Attribution window (hours)"
            name="windowHours"
            type="number"
            min={1}
            max={720}
            defaultValue={settings.windowHours}
            hint="A resolved chat counts as deflected only if the customer did not call within this window."
            error={fieldError(state, "windowHours")}
          />
          <TextField
            label="Resolution target (%)"
            name="resolutionTargetPercent"
            type="number"
            min={0}
            max={100}
            step="0.1"
            defaultValue={Math.round(settings.resolutionTarget * 1000) / 10}
            hint="Call types below it are knowledge-parity gaps."
            error={fieldError(state, "resolutionTarget")}
          />
          <TextField label="Currency" name="currency" defaultValue={settings.currency} maxLength={3} hint="ISO 4217 code, e.g. USD, EUR, GBP." error={fieldError(state, "currency")} />
          <div />
          <TextField
            label="Phone cost per call"
            name="phoneCost"
            type="number"
            min={0}
            step="0.01"
            defaultValue={settings.phoneCost}
            hint="Fully loaded cost of one agent-handled call."
            error={fieldError(state, "phoneCost")}
          />
          <TextField
            label="Digital cost per contact"
            name="digitalCost"
            type="number"
            min={0}
            step="0.01"
            defaultValue={settings.digitalCost}
            hint="Cost of one bot conversation (platform, SMS)."
            error={fieldError(state, "digitalCost")}
          />
          <TextField
            label="SMS cost per segment"
            name="smsCostPerSegment"
            type="number"
            min={0}
            step="0.0001"
            defaultValue={costs.smsCostPerSegment}
            hint="What the carrier bills for one SMS segment. Net savings subtract it for every segment sent."
            error={fieldError(state, "smsCostPerSegment")}
          />
          <TextField
            label="Bot cost per conversation"
            name="botCostPerConversation"
            type="number"
            min={0}
            step="0.0001"
            defaultValue={costs.botCostPerConversation}
            hint="What the bot platform bills for one conversation. Net savings subtract it for every chat started."
            error={fieldError(state, "botCostPerConversation")}
          />
        </div>
        <FormMessage state={state} />
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save settings"}
        </Button>
      </form>
    </Card>
  );
}

interface CallTypeCost {
  slug: string;
  name: string;
  phoneCost: number | null;
}

export function PhoneCostOverrides({ callTypes, currency, defaultCost }: { callTypes: CallTypeCost[]; currency: string; defaultCost: number }) {
  const [state, action, pending] = useActionState(savePhoneCostOverride, IDLE);
  const overrides = callTypes.filter((c) => c.phoneCost !== null);
  const format = (value: number) => new Intl.NumberFormat("en-US", { style: "currency", currency }).format(value);
  return (
    <Card>
      <CardHeader title="Phone cost by call type" description={`Call types that cost more or less than the default ${format(defaultCost)} per call.`} />
      <div className="p-5">
        {overrides.length === 0 ? (
          <p className="text-sm text-muted">No overrides: every call type uses the default phone cost.</p>
        ) : (
          <table className="w-full text-sm">
            <caption className="sr-only">Phone cost overrides</caption>
            <thead>
              <tr className="border-b border-line text-left text-xs uppercase tracking-wide text-muted">
                <th className="py-2 font-medium">Call type</th>
                <th className="py-2 text-right font-medium">Phone cost</th>
              </tr>
            </thead>
            <tbody>
              {overrides.map((c) => (
                <tr key={c.slug} className="border-b border-line last:border-0">
                  <td className="py-2">{c.name}</td>
                  <td className="py-2 text-right tabular-nums">{format(c.phoneCost!)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <form action={action} className="mt-5 grid gap-3 border-t border-line pt-5 sm:grid-cols-[1fr_9rem_auto] sm:items-end">
          <div className="space-y-1.5">
            <label htmlFor="override-callType" className="block text-sm font-medium text-ink-2">
              Call type
            </label>
            <select id="override-callType" name="callType" className="block h-10 w-full rounded-md border border-line-strong bg-surface px-3 text-sm">
              {callTypes.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <TextField label="Phone cost" name="phoneCost" type="number" min={0} step="0.01" placeholder="default" />
          <Button type="submit" variant="secondary" disabled={pending}>
            Set
          </Button>
          <p className="text-xs text-muted sm:col-span-3">Leave the cost empty to remove a call type’s override.</p>
        </form>
        <div className="mt-3">
          <FormMessage state={state} />
        </div>
      </div>
    </Card>
  );
}
