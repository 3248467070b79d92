import { MessageSquareText } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { countMessagesByStatus, listMessages, telephonyConfig } from "@/db/queries/messaging";
import { getSettings } from "@/db/queries/settings";
import { MessagingTabs } from "@/components/messaging/messaging-tabs";
import { OutboxList, type OutboxRow } from "@/components/messaging/outbox-list";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageCapability } from "@/lib/auth/session";
import { formatWhen } from "@/lib/config/format";
import { MESSAGE_STATUS_LABELS } from "@/lib/telephony/labels";
import { CHAT_LINK_PLACEHOLDER, redactedChatLink, withChatLink } from "@/lib/telephony/message";

export const metadata: Metadata = { title: "Messaging: outbox" };

const PAGE_SIZE = 50;

/** `2026-12-04T13:00:00.000Z_<id>`: the last row of the previous page. */
function readCursor(value: string | string[] | undefined): { createdAt: Date; id: string } | undefined {
  const match = typeof value === "string" ? /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)_([A-Za-z0-9-]{1,64})$/.exec(value) : null;
  if (!match || Number.isNaN(Date.parse(match[1]))) return undefined;
  return { createdAt: new Date(match[1]), id: match[2] };
}

/**
 * Every SMS the runtime composed (docs/adr/025): what it said (the chat link without its token),
 * to whom (masked), why, its segments, encoding and cost, and what became of it — in the outbox,
 * sent, delivered, held for quiet hours, dropped, refused for an opt-out, or failed. Admins only:
 * even masked, numbers are the customers'.
 */
export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageCapability("settings:write");
  const db = await getDb();
  const before = readCursor((await searchParams).before);
  const [config, settings, rows, counts] = await Promise.all([
    telephonyConfig(db, user.workspaceId),
    getSettings(db, user.workspaceId),
    listMessages(db, user.workspaceId, { limit: PAGE_SIZE + 1, before }),
    countMessagesByStatus(db, user.workspaceId),
  ]);
  const timeZone = config?.timeZone ?? "UTC";
  const page = rows.slice(0, PAGE_SIZE);
  const more = rows.length > PAGE_SIZE;
  const currency = new Intl.NumberFormat("en-US", { style: "currency", currency: settings?.currency ?? "USD", minimumFractionDigits: 2, maximumFractionDigits: 4 });
  const shownLink = config?.publicUrl ? redactedChatLink(config.publicUrl) : "[chat link]";
  const clock = new Intl.DateTimeFormat("en-US", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const view: OutboxRow[] = page.map((row) => ({
    id: row.id,
    point: row.point,
    requested: row.requested,
    text: withChatLink(row.body, shownLink),
    encoding: row.encoding,
    segments: row.segments,
    cost: currency.format(Number(row.cost)),
    maskedTo: row.maskedTo,
    status: row.status,
    errorCode: row.errorCode,
    createdAt: row.createdAt.toISOString(),
    createdLabel: formatWhen(row.createdAt, timeZone),
    statusNote: row.status === "held" && row.holdUntil ? `Until ${clock.format(row.holdUntil)}` : row.sentAt && row.status !== "outbox" ? `Sent ${clock.format(row.sentAt)}` : null,
  }));
  const last = page.at(-1);
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);

  return (
    <>
      <PageHeader
        title="Messaging"
        description="Every text message the runtime composed for a caller, and what became of it. Numbers are masked; chat links are shown without their single-use token."
      />
      <MessagingTabs current="/settings/messaging" />
      <p className="mb-4 flex flex-wrap items-center gap-2 text-sm text-ink-2">
        Provider:{" "}
        {config?.smsProvider === "twilio" ? (
          <Badge tone="info">Twilio</Badge>
        ) : (
          <>
            <Badge tone="neutral">Outbox</Badge>
            <span className="text-muted">nothing leaves; messages are only kept here.</span>
          </>
        )}
        <Link href="/settings#telephony" className="font-medium text-brand hover:underline">
          Change in settings
        </Link>
      </p>
      {total > 0 ? (
        <ul className="mb-4 flex flex-wrap gap-2" aria-label="Messages by status">
          {Object.entries(MESSAGE_STATUS_LABELS)
            .filter(([status]) => counts[status])
            .map(([status, { label, tone }]) => (
              <li key={status}>
                <Badge tone={tone}>
                  {label}: <span className="tabular-nums">{counts[status]}</span>
                </Badge>
              </li>
            ))}
        </ul>
      ) : null}
      <Card>
        <CardHeader title="Outbox" description={`Newest first, times in ${timeZone}. Cost at the workspace's price per segment.`} />
        {view.length === 0 ? (
          <EmptyState icon={MessageSquareText} title={before ? "No older messages" : "No messages yet"}>
            {before
              ? "Every message is on the pages before this one."
              : `When a caller presses an offer's key, the text with the ${CHAT_LINK_PLACEHOLDER.replace(/[{}]/g, "")} appears here, whether it was sent, held for quiet hours or refused.`}
          </EmptyState>
        ) : (
          <OutboxList rows={view} />
        )}
        {more || before ? (
          <div className="flex items-center justify-between border-t border-line px-5 py-3 text-sm">
            {before ? (
              <Link href="/settings/messaging" className="text-brand hover:underline">
                ← Newest
              </Link>
            ) : (
              <span />
            )}
            {more && last ? (
              <Link href={`/settings/messaging?before=${encodeURIComponent(`${last.createdAt.toISOString()}_${last.id}`)}`} className="text-brand hover:underline">
                Older messages →
              </Link>
            ) : null}
          </div>
        ) : null}
      </Card>
    </>
  );
}
