import { TZDate } from "@date-fns/tz";
import { Bot, KeyRound, ScrollText, User } from "lucide-react";
import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { Suspense } from "react";
import { listAudit } from "@/db/queries/audit";
import { listConfigItems } from "@/db/queries/config";
import { listMembers } from "@/db/queries/workspaces";
import { inputClass } from "@/components/config/controls";
import { DiffView } from "@/components/config/diff-view";
import { EmptyState, ListSkeleton } from "@/components/config/list-parts";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { AUDIT_ENTITY_LABELS, describeAuditEntry } from "@/lib/config/audit-text";
import { diffFields } from "@/lib/config/diff";
import { configPath, isConfigKind, KIND_LABELS } from "@/lib/config/labels";
import { configPage } from "../config/context";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 50;

type SearchParams = Record<string, string | string[] | undefined>;

interface Filters {
  entity?: string;
  actor?: string;
  from?: string;
  to?: string;
  before?: number;
}

function one(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text && text.trim() !== "" ? text.trim().slice(0, 200) : undefined;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function readFilters(query: SearchParams): Filters {
  const entity = one(query.entity);
  const before = Number(one(query.before));
  return {
    entity: entity && entity in AUDIT_ENTITY_LABELS ? entity : undefined,
    actor: one(query.actor),
    from: DAY.test(one(query.from) ?? "") ? one(query.from) : undefined,
    to: DAY.test(one(query.to) ?? "") ? one(query.to) : undefined,
    before: Number.isSafeInteger(before) && before > 0 ? before : undefined,
  };
}

/** Midnight at the start of a day (YYYY-MM-DD) in the workspace time zone; `plusDays` 1 gives the end of it. */
function startOfDay(day: string, timeZone: string, plusDays = 0): Date {
  const [year, month, date] = day.split("-").map(Number);
  return new Date(new TZDate(year, month - 1, date + plusDays, 0, 0, timeZone).getTime());
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const context = await configPage();
  const filters = readFilters(await searchParams);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change to configuration, settings, members and API keys: who made it, when, and what it was before and after. Entries can be added, never changed or removed."
      />
      <Card className="mb-6">
        <Form action="/audit" className="grid grid-cols-2 gap-3 px-5 py-4 lg:grid-cols-[12rem_minmax(0,1fr)_10rem_10rem_auto] lg:items-end">
          <label className="col-span-2 flex flex-col gap-1.5 text-sm font-medium text-ink-2 sm:col-span-1">
            What
            <select name="entity" defaultValue={filters.entity ?? ""} className={`${inputClass} h-10 border-line-strong`}>
              <option value="">Everything</option>
              {Object.entries(AUDIT_ENTITY_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label className="col-span-2 flex flex-col gap-1.5 text-sm font-medium text-ink-2 sm:col-span-1">
            Who
            <input name="actor" defaultValue={filters.actor ?? ""} placeholder="Email or API key name" className={`${inputClass} h-10 border-line-strong`} />
          </label>
          <label className="flex flex-col gap-1.5 text-sm font-medium text-ink-2">
            From
            <input type="date" name="from" defaultValue={filters.from ?? ""} className={`${inputClass} h-10 border-line-strong`} />
          </label>
          <label className="flex flex-col gap-1.5 text-sm font-medium text-ink-2">
            To
            <input type="date" name="to" defaultValue={filters.to ?? ""} className={`${inputClass} h-10 border-line-strong`} />
          </label>
          <div className="col-span-2 flex gap-2 lg:col-span-1">
            <button type="submit" className="inline-flex h-10 items-center rounded-md bg-brand px-4 text-sm font-medium text-white hover:bg-brand-hover">
              Filter
            </button>
            {filters.entity || filters.actor || filters.from || filters.to ? (
              <Link href="/audit" className="inline-flex h-10 items-center rounded-md px-3 text-sm text-ink-2 hover:bg-subtle">
                Clear
              </Link>
            ) : null}
          </div>
        </Form>
      </Card>
      <Suspense key={JSON.stringify(filters)} fallback={<ListSkeleton rows={8} />}>
        <Entries context={context} filters={filters} />
      </Suspense>
    </>
  );
}

async function Entries({ context, filters }: { context: Awaited<ReturnType<typeof configPage>>; filters: Filters }) {
  const { db, user, timeZone, when } = context;
  const [rows, members, ...configs] = await Promise.all([
    listAudit(db, user.workspaceId, {
      entityType: filters.entity,
      actor: filters.actor,
      from: filters.from ? startOfDay(filters.from, timeZone) : undefined,
      to: filters.to ? startOfDay(filters.to, timeZone, 1) : undefined,
      beforeId: filters.before,
      limit: PAGE_SIZE + 1,
    }),
    listMembers(db, user.workspaceId),
    listConfigItems(db, user.workspaceId, "sms_template"),
    listConfigItems(db, user.workspaceId, "ivr_offer"),
    listConfigItems(db, user.workspaceId, "escalation_rule"),
  ]);
  const entries = rows.slice(0, PAGE_SIZE);
  const more = rows.length > PAGE_SIZE;
  const names = Object.fromEntries(members.map((member) => [member.userId, member.email]));
  const existing = new Set(configs.flat().map((item) => item.id));
  const filtered = Boolean(filters.entity || filters.actor || filters.from || filters.to);

  if (entries.length === 0) {
    return (
      <EmptyState icon={<ScrollText className="size-5" aria-hidden />} title={filtered ? "No entries match these filters" : "Nothing has changed yet"}>
        {filtered ? "Widen the dates or clear a filter." : "Changes to configuration, settings, members and keys appear here as they happen."}
      </EmptyState>
    );
  }

  const olderQuery = new URLSearchParams(
    Object.entries({ entity: filters.entity, actor: filters.actor, from: filters.from, to: filters.to, before: String(entries[entries.length - 1].id) }).filter(
      (pair): pair is [string, string] => pair[1] !== undefined,
    ),
  );

  return (
    <Card>
      <CardHeader title={filtered ? "Matching entries" : "Latest entries"} description={`Newest first, times in ${timeZone}.`} />
      <ol className="divide-y divide-line" aria-label="Audit entries">
        {entries.map((entry) => {
          const ActorIcon = entry.actorType === "api_key" ? KeyRound : entry.actorType === "system" ? Bot : User;
          const changes = diffFields(entry.before, entry.after);
          const linkable = isConfigKind(entry.entityType) && entry.entityId && existing.has(entry.entityId);
          return (
            <li key={entry.id} id={`audit-${entry.id}`} className="scroll-mt-20 px-5 py-3.5 target:bg-warn-soft">
              <div className="flex flex-wrap items-start gap-x-4 gap-y-1">
                <time dateTime={new Date(entry.at).toISOString()} className="w-full shrink-0 text-xs tabular-nums text-muted sm:w-36 sm:pt-0.5">
                  {when(new Date(entry.at))}
                </time>
                <div className="min-w-0 flex-1 text-sm">
                  <p className="text-ink">
                    <span className="inline-flex items-center gap-1 font-medium">
                      <ActorIcon className="size-3.5 text-muted" aria-label={entry.actorType === "api_key" ? "API key" : entry.actorType === "system" ? "System" : "User"} />
                      {entry.actorType === "system" ? "System" : entry.actorLabel}
                    </span>{" "}
                    <span className="text-ink-2">{describeAuditEntry(entry, names)}</span>
                  </p>
                  <div className="mt-1 flex flex-wrap items-start gap-x-3 text-xs">
                    {linkable ? (
                      <Link href={configPath(entry.entityType as Parameters<typeof configPath>[0], entry.entityId!)} className="font-medium text-brand hover:underline">
                        Open the {KIND_LABELS[entry.entityType as keyof typeof KIND_LABELS].label}
                      </Link>
                    ) : null}
                    {changes.length > 0 ? (
                      <details className="group min-w-0 basis-full sm:basis-auto sm:flex-1 open:basis-full">
                        <summary className="cursor-pointer font-medium text-brand">
                          {entry.before === null ? "What it was created with" : entry.after === null ? "What was removed" : `Before → after (${changes.length} change${changes.length === 1 ? "" : "s"})`}
                        </summary>
                        <div className="mt-2 text-sm">
                          <DiffView changes={changes} />
                        </div>
                      </details>
                    ) : null}
                  </div>
                </div>
              </div>
            </li>
          );
        })}
      </ol>
      {more || filters.before ? (
        <div className="flex flex-wrap items-center justify-between gap-2 border-t border-line px-5 py-3 text-sm">
          {filters.before ? (
            <Link href={`/audit?${new URLSearchParams(Object.entries({ entity: filters.entity, actor: filters.actor, from: filters.from, to: filters.to }).filter((pair): pair is [string, string] => pair[1] !== undefined))}`} className="text-brand hover:underline">
              ← Newest entries
            </Link>
          ) : (
            <span />
          )}
          {more ? (
            <Link href={`/audit?${olderQuery}`} className="text-brand hover:underline">
              Older entries →
            </Link>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}
