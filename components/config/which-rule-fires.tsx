"use client";

import { TZDate } from "@date-fns/tz";
import { Ban, CircleCheck, CircleDashed, CircleSlash, FlaskConical } from "lucide-react";
import { useEffect, useMemo, useState } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import type { StoredFields } from "@/lib/config/checks";
import { describeAction } from "@/lib/config/describe";
import type { RuleOutcome } from "@/lib/config/escalation";
import type { EscalationRuleFields } from "@/lib/config/schemas";
import { whichRuleFires } from "@/lib/runtime/escalate";
import { cn } from "@/lib/ui/cn";
import { Input, inputClass, Select } from "./controls";

const OUTCOME: Record<RuleOutcome, { label: string; icon: typeof CircleCheck; className: string }> = {
  fires: { label: "Fires", icon: CircleCheck, className: "text-good" },
  shadowed: { label: "Would match, but an earlier rule fires", icon: CircleDashed, className: "text-muted" },
  no_match: { label: "Does not match", icon: CircleSlash, className: "text-faint" },
  disabled: { label: "Disabled", icon: Ban, className: "text-faint" },
};

/** "2026-11-24T14:30" as it reads on a clock in `timeZone`. */
function localInputValue(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

function instantOf(local: string, timeZone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return new Date();
  const [, year, month, day, hour, minute] = match.map(Number);
  return new Date(new TZDate(year, month - 1, day, hour, minute, timeZone).getTime());
}

/**
 * "Which rule fires?": the supervisor describes a conversation and sees the rule that takes it,
 * with every rule's verdict and the reason for it, against the live rules or the drafts.
 */
export function WhichRuleFires({
  liveRules,
  draftRules,
  callTypes,
  timeZone,
}: {
  liveRules: StoredFields<EscalationRuleFields>[];
  draftRules: StoredFields<EscalationRuleFields>[];
  callTypes: { value: string; label: string }[];
  timeZone: string;
}) {
  const hasDrafts = JSON.stringify(liveRules) !== JSON.stringify(draftRules);
  const [useDrafts, setUseDrafts] = useState(false);
  const [message, setMessage] = useState("I want to talk to an agent");
  const [callType, setCallType] = useState("");
  const [failedAttempts, setFailedAttempts] = useState("0");
  const [sentiment, setSentiment] = useState("");
  const [tier, setTier] = useState("");
  const [when, setWhen] = useState("");
  useEffect(() => setWhen(localInputValue(new Date(), timeZone)), [timeZone]);

  const decision = useMemo(() => {
    // The same function answers the bot's POST /api/v1/escalate from the published rules.
    return whichRuleFires(
      useDrafts ? draftRules : liveRules,
      {
        message,
        callType: callType || undefined,
        failedAttempts: failedAttempts === "" ? undefined : Number(failedAttempts),
        sentiment: sentiment === "" || Number.isNaN(Number(sentiment)) ? undefined : Math.max(-1, Math.min(1, Number(sentiment))),
        customerTier: tier.trim() || undefined,
        at: when ? instantOf(when, timeZone) : new Date(),
      },
      timeZone,
    );
  }, [useDrafts, draftRules, liveRules, message, callType, failedAttempts, sentiment, tier, when, timeZone]);

  return (
    <Card>
      <CardHeader
        title={
          <span className="inline-flex items-center gap-2">
            <FlaskConical className="size-4 text-muted" aria-hidden /> Which rule fires?
          </span>
        }
        description="Describe a conversation; see which rule takes it, and why each other rule does not."
      />
      <div className="space-y-4 px-5 py-4">
        {hasDrafts ? (
          <div role="radiogroup" aria-label="Rules to test" className="inline-flex rounded-md border border-line-strong p-0.5 text-sm">
            {[
              { value: false, label: "Live rules" },
              { value: true, label: "With drafts" },
            ].map((option) => (
              <button
                key={option.label}
                type="button"
                role="radio"
                aria-checked={useDrafts === option.value}
                onClick={() => setUseDrafts(option.value)}
                className={cn("rounded px-3 py-1", useDrafts === option.value ? "bg-brand text-white" : "text-ink-2 hover:bg-subtle")}
              >
                {option.label}
              </button>
            ))}
          </div>
        ) : null}
        <div className="space-y-1.5">
          <label htmlFor="situation-message" className="block text-sm font-medium text-ink-2">
            Customer’s last message
          </label>
          <textarea id="situation-message" value={message} onChange={(event) => setMessage(event.target.value)} rows={2} className={cn(inputClass, "border-line-strong py-2")} />
        </div>
        <div className="grid gap-3 sm:grid-cols-2">
          <Select label="Call type" value={callType} onChange={(event) => setCallType(event.target.value)} options={[{ value: "", label: "Unknown" }, ...callTypes]} />
          <Input label="Customer tier" value={tier} onChange={(event) => setTier(event.target.value)} placeholder="Unknown" />
          <Input label="Failed bot attempts" type="number" min={0} value={failedAttempts} onChange={(event) => setFailedAttempts(event.target.value)} />
          <Input label="Sentiment (−1 to 1)" type="number" min={-1} max={1} step={0.1} value={sentiment} onChange={(event) => setSentiment(event.target.value)} placeholder="Not measured" />
          <Input label={`When (${timeZone})`} type="datetime-local" value={when} onChange={(event) => setWhen(event.target.value)} shellClassName="sm:col-span-2" />
        </div>
      </div>
      <div aria-live="polite" className="border-t border-line px-5 py-4">
        {decision.firing ? (
          <div className="rounded-md border border-good/30 bg-good-soft px-3.5 py-3" data-testid="firing-rule">
            <p className="text-xs font-medium uppercase tracking-wide text-good">Fires</p>
            <p className="mt-0.5 font-semibold text-ink">{decision.firing.name}</p>
            <p className="text-sm text-ink-2">{describeAction(decision.firing.action)}</p>
          </div>
        ) : (
          <div className="rounded-md border border-bad/30 bg-bad-soft px-3.5 py-3 text-sm text-bad" data-testid="firing-rule">
            No rule fires: this conversation would have no way to a person.
          </div>
        )}
        <ol className="mt-4 space-y-3" aria-label="Every rule, in order">
          {decision.verdicts.map((verdict, index) => {
            const outcome = OUTCOME[verdict.outcome];
            const Icon = outcome.icon;
            return (
              <li key={verdict.rule.id} className="flex gap-2.5 text-sm">
                <Icon className={cn("mt-0.5 size-4 shrink-0", outcome.className)} aria-hidden />
                <div className="min-w-0">
                  <p className={cn("font-medium", verdict.outcome === "fires" ? "text-ink" : "text-ink-2")}>
                    <span className="mr-1 tabular-nums text-muted">{index + 1}.</span>
                    {verdict.rule.name} <span className="sr-only">— {outcome.label}</span>
                  </p>
                  <p className="text-xs text-muted">{verdict.summary}</p>
                  {verdict.outcome === "no_match" ? null : verdict.checks.length > 0 ? (
                    <ul className="mt-1 space-y-0.5 text-xs text-muted">
                      {verdict.checks.map((check) => (
                        <li key={check.condition}>
                          {check.met ? "✓" : "✗"} {check.explanation}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ol>
      </div>
    </Card>
  );
}
