"use client";

import { Braces, Check, CircleAlert, MessageSquareText, TriangleAlert, Wand2 } from "lucide-react";
import { useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { LIMITS, SMS_TEMPLATE_PURPOSES } from "@/lib/config/constants";
import type { SmsTemplateFields } from "@/lib/config/schemas";
import { replaceableCharacters, withGsmLookalikes } from "@/lib/sms/lookalikes";
import { countSegments, MAX_SEGMENTS, nonGsmCharacters } from "@/lib/sms/segments";
import {
  hasOptOutWording,
  previewSms,
  renderTemplate,
  SAMPLE_VALUES,
  TEMPLATE_VARIABLES,
  type TemplateValues,
  type TemplateVariable,
  unknownVariablesIn,
  variablesIn,
  WORST_CASE_VALUES,
} from "@/lib/sms/template";
import { cn } from "@/lib/ui/cn";
import { ConfigEditor, type ConfigEditorProps } from "./editor";
import { FieldShell, Input, inputClass, Section } from "./controls";

/** Above this many segments a message costs noticeably more; the editor warns (DESIGN.md: at most 10). */
export const SEGMENT_WARNING = 2;

const VARIABLE_HELP: Record<TemplateVariable, string> = {
  first_name: "Customer's first name",
  chat_link: "Pre-authenticated link to the chat",
  wait_minutes: "Estimated wait in the phone queue",
  company: "Your company name",
};

const LOCALES = ["en-US", "en-GB", "en-CA", "en-AU", "fr-FR", "fr-CA", "es-ES", "es-US", "de-DE", "it-IT", "nl-NL", "pt-BR"];


type Props = Omit<ConfigEditorProps<SmsTemplateFields>, "kind" | "children" | "warnings">;

export function SmsTemplateEditor(props: Props) {
  return (
    <ConfigEditor kind="sms_template" {...props}>
      {({ fields, set, errors, readOnly }) => (
        <div className="grid lg:grid-cols-[minmax(0,1fr)_22rem]">
          <div className="min-w-0">
            <Section title="Template">
              <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_10rem]">
                <Input
                  label="Name"
                  value={fields.name}
                  onChange={(event) => set({ name: event.target.value })}
                  maxLength={LIMITS.name}
                  placeholder="e.g. IVR chat link"
                  error={errors.name}
                  required
                />
                <Input
                  label="Locale"
                  value={fields.locale}
                  onChange={(event) => set({ locale: event.target.value })}
                  list="sms-locales"
                  maxLength={LIMITS.locale}
                  error={errors.locale}
                  hint="Language tag"
                />
                <datalist id="sms-locales">
                  {LOCALES.map((locale) => (
                    <option key={locale} value={locale} />
                  ))}
                </datalist>
              </div>
              <fieldset>
                <legend className="text-sm font-medium text-ink-2">Purpose</legend>
                <div className="mt-2 grid gap-2 sm:grid-cols-2">
                  {SMS_TEMPLATE_PURPOSES.map((purpose) => (
                    <label
                      key={purpose}
                      className={cn(
                        "flex cursor-pointer items-start gap-2.5 rounded-md border p-3 text-sm",
                        fields.purpose === purpose ? "border-brand bg-brand-soft/60" : "border-line-strong",
                        readOnly && "cursor-not-allowed",
                      )}
                    >
                      <input type="radio" name="purpose" value={purpose} checked={fields.purpose === purpose} onChange={() => set({ purpose })} className="mt-0.5 accent-brand" />
                      <span>
                        <span className="font-medium text-ink">{purpose === "deflection" ? "Deflection" : "Other"}</span>
                        <span className="block text-xs text-muted">
                          {purpose === "deflection" ? "Invites the customer to the chat: needs {{chat_link}} and opt-out wording." : "Confirmations, reminders: no required content."}
                        </span>
                      </span>
                    </label>
                  ))}
                </div>
                {errors.purpose ? <p className="mt-1 text-sm text-bad">{errors.purpose}</p> : null}
              </fieldset>
            </Section>
            <BodySection fields={fields} set={set} error={errors.body} readOnly={readOnly} />
          </div>
          <PreviewPanel body={fields.body} />
        </div>
      )}
    </ConfigEditor>
  );
}

function BodySection({
  fields,
  set,
  error,
  readOnly,
}: {
  fields: SmsTemplateFields;
  set: (patch: Partial<SmsTemplateFields>) => void;
  error?: string;
  readOnly: boolean;
}) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  const body = fields.body;
  const count = useMemo(() => countSegments(previewSms(body).text), [body]);
  const worstCase = useMemo(() => countSegments(renderTemplate(body, WORST_CASE_VALUES).text), [body]);
  const unicode = useMemo(() => nonGsmCharacters(renderTemplate(body, SAMPLE_VALUES).text), [body]);
  const replaceable = useMemo(() => replaceableCharacters(body), [body]);
  const unknown = useMemo(() => unknownVariablesIn(body), [body]);
  const used = variablesIn(body);

  const insert = (variable: TemplateVariable) => {
    const element = textarea.current;
    const token = `{{${variable}}}`;
    const start = element?.selectionStart ?? body.length;
    const end = element?.selectionEnd ?? body.length;
    const next = body.slice(0, start) + token + body.slice(end);
    set({ body: next });
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const checks =
    fields.purpose === "deflection"
      ? [
          { ok: used.includes("chat_link"), text: "Includes {{chat_link}}" },
          { ok: hasOptOutWording(body), text: "Tells how to opt out (e.g. “Reply STOP to opt out”)" },
        ]
      : [];
  const tone = count.segments > MAX_SEGMENTS ? "bad" : count.segments > SEGMENT_WARNING ? "warn" : "good";
  const toneClass = { good: ["bg-good-soft", "text-good"], warn: ["bg-warn-soft", "text-warn"], bad: ["bg-bad-soft", "text-bad"] }[tone];

  return (
    <Section title="Message" description="What the customer receives. Variables are filled in for each customer when the SMS is sent.">
      <FieldShell
        label="Body"
        error={error}
        hint="Counted the way carriers bill it: GSM-7 fits 160 characters in one SMS (153 per part when split); one character outside GSM-7 turns the whole message into UCS-2 (70, or 67 per part)."
        aside={<span className="text-xs tabular-nums text-muted">{body.length} / {LIMITS.body}</span>}
      >
        {({ id, describedBy, invalid }) => (
          <div className={cn("overflow-hidden rounded-md border shadow-sm focus-within:border-brand focus-within:ring-2 focus-within:ring-brand/20", error ? "border-bad" : "border-line-strong")}>
            {readOnly ? null : (
              <div role="toolbar" aria-label="Insert a variable" className="flex flex-wrap items-center gap-1 border-b border-line bg-subtle px-2 py-1.5">
                <Braces className="mr-1 size-3.5 text-muted" aria-hidden />
                {TEMPLATE_VARIABLES.map((variable) => (
                  <button
                    key={variable}
                    type="button"
                    onClick={() => insert(variable)}
                    title={VARIABLE_HELP[variable]}
                    aria-label={`Insert {{${variable}}}: ${VARIABLE_HELP[variable]}`}
                    className="rounded border border-line-strong bg-surface px-1.5 py-0.5 font-mono text-xs text-ink-2 hover:border-brand hover:text-brand"
                  >
                    {`{{${variable}}}`}
                  </button>
                ))}
              </div>
            )}
            <textarea
              ref={textarea}
              id={id}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              value={body}
              onChange={(event) => set({ body: event.target.value })}
              rows={6}
              maxLength={LIMITS.body}
              className={cn(inputClass, "resize-y rounded-none border-0 py-2.5 font-mono text-[13px] leading-relaxed shadow-none focus:ring-0")}
            />
          </div>
        )}
      </FieldShell>

      <div role="status" aria-label="Message length" aria-live="polite" className={cn("flex flex-wrap items-center gap-x-4 gap-y-1 rounded-md px-3 py-2 text-sm", toneClass[0])}>
        <span className={cn("font-semibold tabular-nums", toneClass[1])} data-testid="segment-count">
          {count.segments} {count.segments === 1 ? "segment" : "segments"}
        </span>
        <span className="font-mono text-xs text-ink-2" data-testid="encoding">
          {count.encoding}
        </span>
        <span className="text-xs tabular-nums text-ink-2">
          {count.units} {count.encoding === "GSM-7" ? "characters" : "UTF-16 units"} · {count.remainingInSegment} left in this segment (
          {count.perSegment} per {count.segments > 1 ? "part" : "SMS"})
        </span>
      </div>

      {count.segments > MAX_SEGMENTS ? (
        <Problem tone="bad">
          {count.segments} segments is over the limit of {MAX_SEGMENTS}. Shorten the message.
        </Problem>
      ) : count.segments > SEGMENT_WARNING ? (
        <Problem tone="warn">
          {count.segments} segments: each customer is billed for {count.segments} SMS, and long messages are read less. Aim for {SEGMENT_WARNING} or fewer.
        </Problem>
      ) : null}
      {worstCase.segments > MAX_SEGMENTS && count.segments <= MAX_SEGMENTS ? (
        <Problem tone="bad">With long values filled in (names, links) this message needs {worstCase.segments} segments, over the limit of {MAX_SEGMENTS}.</Problem>
      ) : null}
      {unicode.length > 0 ? (
        <Problem tone="warn">
          <span>
            {unicode.map((character) => (
              <code key={character} className="mx-0.5 rounded bg-surface px-1 font-mono">
                {character === "\u00A0" ? "no-break space" : character}
              </code>
            ))}{" "}
            {unicode.length === 1 ? "is" : "are"} not in the GSM alphabet, so the whole message is sent as UCS-2 (70 characters per SMS instead of 160).
          </span>
          {replaceable.length > 0 && !readOnly ? (
            <Button size="sm" variant="secondary" className="mt-2" onClick={() => set({ body: withGsmLookalikes(body) })}>
              <Wand2 className="size-3.5" aria-hidden /> Replace typographic quotes and dashes
            </Button>
          ) : null}
        </Problem>
      ) : null}
      {unknown.length > 0 ? (
        <Problem tone="bad">
          {unknown.map((name) => `{{${name}}}`).join(", ")} {unknown.length === 1 ? "is not a variable" : "are not variables"}. Use only{" "}
          {TEMPLATE_VARIABLES.map((name) => `{{${name}}}`).join(", ")}.
        </Problem>
      ) : null}
      {checks.length > 0 ? (
        <ul className="space-y-1 text-sm" aria-label="Required for deflection templates">
          {checks.map((check) => (
            <li key={check.text} className={cn("flex items-center gap-2", check.ok ? "text-good" : "text-bad")}>
              {check.ok ? <Check className="size-4" aria-hidden /> : <CircleAlert className="size-4" aria-hidden />}
              <span className="text-ink-2">
                <span className="sr-only">{check.ok ? "Done: " : "Missing: "}</span>
                {check.text}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}

function Problem({ tone, children }: { tone: "warn" | "bad"; children: React.ReactNode }) {
  const Icon = tone === "bad" ? CircleAlert : TriangleAlert;
  return (
    <div className={cn("flex items-start gap-2 rounded-md border px-3 py-2 text-sm", tone === "bad" ? "border-bad/30 bg-bad-soft" : "border-warn/30 bg-warn-soft")}>
      <Icon className={cn("mt-0.5 size-4 shrink-0", tone === "bad" ? "text-bad" : "text-warn")} aria-hidden />
      <div className="min-w-0 text-ink-2">{children}</div>
    </div>
  );
}

/** The message as a phone shows it, with sample values the supervisor can change. */
function PreviewPanel({ body }: { body: string }) {
  const [values, setValues] = useState<TemplateValues>(SAMPLE_VALUES);
  const preview = useMemo(() => previewSms(body, values), [body, values]);
  return (
    <aside aria-label="Preview" className="border-t border-line bg-subtle/60 px-5 py-5 lg:border-l lg:border-t-0">
      <h3 className="flex items-center gap-2 text-sm font-semibold text-ink">
        <MessageSquareText className="size-4 text-muted" aria-hidden /> Preview
      </h3>
      <div className="mx-auto mt-4 max-w-72 rounded-[1.75rem] border border-line-strong bg-surface p-3 shadow-sm">
        <div className="mx-auto mb-3 h-1 w-12 rounded-full bg-line-strong" aria-hidden />
        <div className="min-h-24 rounded-2xl rounded-bl-sm bg-subtle px-3 py-2 text-[13px] leading-snug text-ink" data-testid="sms-preview">
          {preview.text.trim() === "" ? <span className="text-faint">The message appears here as you type.</span> : <PreviewText text={preview.text} />}
        </div>
        <p className="mt-2 text-right text-[11px] text-muted">
          {preview.segments} SMS · {preview.encoding}
        </p>
      </div>
      <details className="mt-4 text-sm">
        <summary className="cursor-pointer font-medium text-ink-2">Sample values</summary>
        <div className="mt-3 space-y-3">
          {TEMPLATE_VARIABLES.map((variable) => (
            <Input
              key={variable}
              label={`{{${variable}}}`}
              value={values[variable]}
              maxLength={LIMITS.previewValue}
              onChange={(event) => setValues((current) => ({ ...current, [variable]: event.target.value }))}
              className="h-9 font-mono text-xs"
            />
          ))}
          <Button size="sm" variant="ghost" onClick={() => setValues(SAMPLE_VALUES)}>
            Reset samples
          </Button>
        </div>
      </details>
    </aside>
  );
}

/** Renders links in the preview the way phones highlight them. */
function PreviewText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/\S+)/g);
  return (
    <span className="whitespace-pre-wrap break-words">
      {parts.map((part, index) =>
        /^https?:\/\//.test(part) ? (
          <span key={index} className="text-brand underline">
            {part}
          </span>
        ) : (
          <span key={index}>{part}</span>
        ),
      )}
    </span>
  );
}
