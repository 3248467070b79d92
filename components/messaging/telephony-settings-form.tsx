"use client";

import { useActionState, useState } from "react";
import { saveSettings } from "@/app/(app)/settings/actions";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { FormMessage, fieldError } from "@/components/ui/form-message";
import { IDLE } from "@/lib/auth/action-state";
import { TELEPHONY_FORM_MARKER } from "@/lib/telephony/form-marker";
import type { TelephonySettings } from "@/lib/telephony/settings";

const selectClass = "block h-10 w-full rounded-md border border-line-strong bg-surface px-3 text-sm";

/**
 * The telephony and messaging settings (docs/adr/025): where messages go, how Twilio reaches the
 * app and where a chat link leads. The Twilio auth token is write-only: the page says whether one
 * is set, never what it is. Posts to the settings action with the other cards.
 */
export function TelephonySettingsForm({ settings, webhookBase, chatTokenKey }: { settings: TelephonySettings; webhookBase: string | null; chatTokenKey: string }) {
  const [state, action, pending] = useActionState(saveSettings, IDLE);
  const [quiet, setQuiet] = useState(settings.quietHours !== null);
  return (
    <Card id="telephony">
      <CardHeader
        title="Telephony and messaging"
        description="How callers are offered a chat link by text message: Twilio's webhooks, the SMS provider and the hours when unrequested messages wait."
      />
      <form action={action} className="space-y-6 p-5">
        <input type="hidden" name={TELEPHONY_FORM_MARKER} value="1" />
        <div className="grid gap-5 sm:grid-cols-2">
          <div className="space-y-1.5">
            <label htmlFor="smsProvider" className="block text-sm font-medium text-ink-2">
              SMS provider
            </label>
            <select id="smsProvider" name="smsProvider" defaultValue={settings.smsProvider} className={selectClass} aria-describedby="smsProvider-hint">
              <option value="outbox">Outbox: keep messages here, send nothing</option>
              <option value="twilio">Twilio: send with the Messages API</option>
            </select>
            <p id="smsProvider-hint" className="text-xs text-muted">
              Start with the outbox to see exactly what would be sent.
            </p>
          </div>
          <TextField
            label="Public URL of Switchboard"
            name="publicUrl"
            type="url"
            defaultValue={settings.publicUrl ?? ""}
            placeholder="https://switchboard.example.com"
            hint="How Twilio reaches this app. Webhook signatures are checked against it; chat links start with it."
            error={fieldError(state, "publicUrl")}
          />
          <TextField
            label="Chat URL"
            name="chatUrl"
            type="url"
            defaultValue={settings.chatUrl ?? ""}
            placeholder="https://chat.example.com/start"
            hint="Where a chat link leads, with sb_journey and sb_token added."
            error={fieldError(state, "chatUrl")}
          />
          <TextField
            label="Fallback URL"
            name="fallbackUrl"
            type="url"
            defaultValue={settings.fallbackUrl ?? ""}
            placeholder="https://ivr.example.com/queue.xml"
            hint="TwiML the call goes on to when nothing is offered or the caller declines."
            error={fieldError(state, "fallbackUrl")}
          />
        </div>

        <fieldset className="grid gap-5 border-t border-line pt-5 sm:grid-cols-2">
          <legend className="sr-only">Twilio account</legend>
          <TextField
            label="Twilio Account SID"
            name="twilioAccountSid"
            defaultValue={settings.twilioAccountSid ?? ""}
            placeholder="AC…"
            autoComplete="off"
            spellCheck={false}
            error={fieldError(state, "twilioAccountSid")}
          />
          <div className="space-y-1.5">
            <TextField
              label="Twilio auth token"
              name="twilioAuthToken"
              type="password"
              autoComplete="new-password"
              placeholder={settings.twilioAuthTokenSet ? "Set: leave empty to keep it" : "Not set"}
              hint={settings.twilioAuthTokenSet ? "A token is set. It is never shown again; type a new one to replace it." : "Not set: webhooks are refused until it is."}
              error={fieldError(state, "twilioAuthToken")}
            />
            {settings.twilioAuthTokenSet ? (
              <label className="flex items-center gap-2 text-sm text-ink-2">
                <input type="checkbox" name="removeTwilioAuthToken" className="size-4 accent-brand" /> Remove the saved token
              </label>
            ) : null}
          </div>
          <TextField
            label="Send from"
            name="smsFrom"
            defaultValue={settings.smsFrom ?? ""}
            placeholder="+14155550100 or MG…"
            hint="The Twilio number (international format) or Messaging Service SID that sends."
            error={fieldError(state, "smsFrom")}
          />
        </fieldset>

        <fieldset className="space-y-3 border-t border-line pt-5">
          <legend className="text-sm font-medium text-ink-2">Quiet hours</legend>
          <label className="flex items-center gap-2 text-sm text-ink-2">
            <input type="checkbox" name="quietHoursEnabled" checked={quiet} onChange={(event) => setQuiet(event.target.checked)} className="size-4 accent-brand" />
            Hold messages nobody asked for (SMS link, post-call) during these hours
          </label>
          <div className="grid max-w-md grid-cols-2 gap-4">
            <TextField label="From" name="quietHoursStart" type="time" defaultValue={settings.quietHours?.start ?? "21:00"} disabled={!quiet} />
            <TextField label="Until" name="quietHoursEnd" type="time" defaultValue={settings.quietHours?.end ?? "08:00"} disabled={!quiet} error={fieldError(state, "quietHours.end") ?? fieldError(state, "quietHours.start")} />
          </div>
          <p className="text-xs text-muted">In the workspace time zone. Held messages go when the hours end, or are dropped after 12 hours. A text the caller asked for with a key press is always sent at once.</p>
        </fieldset>

        <FormMessage state={state} />
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save telephony settings"}
        </Button>
      </form>

      <div className="space-y-3 border-t border-line p-5 text-sm">
        <h3 className="font-medium text-ink">Connect Twilio and the chat</h3>
        {webhookBase ? (
          <dl className="space-y-2">
            <div>
              <dt className="text-xs text-muted">Phone number → Voice → A call comes in (HTTP POST)</dt>
              <dd className="break-all font-mono text-xs text-ink">{webhookBase}/voice</dd>
            </div>
            <div>
              <dt className="text-xs text-muted">Phone number → Messaging → A message comes in (HTTP POST)</dt>
              <dd className="break-all font-mono text-xs text-ink">{webhookBase}/sms-inbound</dd>
            </div>
          </dl>
        ) : (
          <p className="text-muted">Set the public URL to see the webhook URLs to enter in Twilio.</p>
        )}
        <details className="group">
          <summary className="cursor-pointer font-medium text-brand">Key for verifying sb_token in the chat platform</summary>
          <p className="mt-2 text-xs text-muted">
            The chat platform checks the sb_token a chat link brings with this key (HMAC-SHA256; see the README, “Chat links”). Keep it as secret as a password.
          </p>
          <code className="mt-1 block break-all rounded bg-subtle px-2 py-1.5 font-mono text-xs text-ink">{chatTokenKey}</code>
        </details>
      </div>
    </Card>
  );
}
