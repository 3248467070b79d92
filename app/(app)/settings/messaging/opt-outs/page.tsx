import { UserX } from "lucide-react";
import type { Metadata } from "next";
import { getDb } from "@/db";
import { listOptOuts, telephonyConfig } from "@/db/queries/messaging";
import { MessagingTabs } from "@/components/messaging/messaging-tabs";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageCapability } from "@/lib/auth/session";
import { formatWhen } from "@/lib/config/format";
import { OPT_OUT_SOURCE_LABELS } from "@/lib/telephony/labels";

export const metadata: Metadata = { title: "Messaging: opt-outs" };

/**
 * The customers who asked not to be messaged (docs/adr/025): never offered by a decision, never
 * sent a message. Masked numbers, since when, and how they asked. A customer opts back in by
 * texting START, UNSTOP or YES.
 */
export default async function OptOutsPage() {
  const user = await requirePageCapability("settings:write");
  const db = await getDb();
  const [config, rows] = await Promise.all([telephonyConfig(db, user.workspaceId), listOptOuts(db, user.workspaceId)]);
  const timeZone = config?.timeZone ?? "UTC";
  return (
    <>
      <PageHeader
        title="Messaging"
        description="Customers who replied STOP (or whose carrier says they unsubscribed) are never offered deflection again and never sent a message, until they text START."
      />
      <MessagingTabs current="/settings/messaging/opt-outs" />
      <Card>
        <CardHeader title="Opt-outs" description={rows.length === 0 ? `Times in ${timeZone}.` : `${rows.length} ${rows.length === 1 ? "customer" : "customers"}, newest first; times in ${timeZone}.`} />
        {rows.length === 0 ? (
          <EmptyState icon={UserX} title="Nobody has opted out">
            When a customer replies STOP, STOPALL, UNSUBSCRIBE, END, QUIT, CANCEL, REVOKE or OPTOUT to a message, their number is listed here, masked.
          </EmptyState>
        ) : (
          <table className="w-full text-sm">
            <caption className="sr-only">Opted-out customers, newest first</caption>
            <thead>
              <tr className="border-b border-line text-left text-xs uppercase tracking-wide text-muted">
                <th scope="col" className="px-5 py-2.5 font-medium">Number</th>
                <th scope="col" className="py-2.5 pr-4 font-medium">Since</th>
                <th scope="col" className="hidden py-2.5 pr-5 font-medium sm:table-cell">How</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.customer} className="border-b border-line align-top last:border-0">
                  <td className="whitespace-nowrap px-5 py-3 font-mono text-xs text-ink">
                    {row.maskedPhone ?? "—"}
                    <span className="mt-0.5 block font-sans text-xs text-muted sm:hidden">{OPT_OUT_SOURCE_LABELS[row.source] ?? row.source}</span>
                  </td>
                  <td className="py-3 pr-4 tabular-nums text-ink-2">
                    <time dateTime={row.optedOutAt.toISOString()}>{formatWhen(row.optedOutAt, timeZone)}</time>
                  </td>
                  <td className="hidden py-3 pr-5 text-ink-2 sm:table-cell">{OPT_OUT_SOURCE_LABELS[row.source] ?? row.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
