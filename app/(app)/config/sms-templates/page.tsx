import { MessageSquareText } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { listConfigItems } from "@/db/queries/config";
import { Badge, ReadOnlyNotice, StatusBadges } from "@/components/config/badges";
import { EmptyState, ListSkeleton, NewButton } from "@/components/config/list-parts";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { configPath } from "@/lib/config/labels";
import { countSegments } from "@/lib/sms/segments";
import { previewSms } from "@/lib/sms/template";
import { configPage } from "../context";

export const metadata: Metadata = { title: "SMS templates" };

type Context = Awaited<ReturnType<typeof configPage>>;

export default async function SmsTemplatesPage() {
  const context = await configPage();
  return (
    <>
      <PageHeader
        title="SMS templates"
        description="The messages that carry the chat link to a caller. Each is counted in SMS segments the way carriers bill it, and a deflection template must offer a way to opt out."
        actions={context.canEdit ? <NewButton href="/config/sms-templates/new" label="New template" /> : null}
      />
      {context.canEdit ? null : <ReadOnlyNotice />}
      <Suspense fallback={<ListSkeleton />}>
        <TemplateList context={context} />
      </Suspense>
    </>
  );
}

async function TemplateList({ context }: { context: Context }) {
  const { db, user, canEdit, when } = context;
  const [templates, offers] = await Promise.all([listConfigItems(db, user.workspaceId, "sms_template"), listConfigItems(db, user.workspaceId, "ivr_offer")]);
  if (templates.length === 0) {
    return (
      <EmptyState
        icon={<MessageSquareText className="size-5" aria-hidden />}
        title="No SMS templates yet"
        action={canEdit ? { href: "/config/sms-templates/new", label: "New template" } : undefined}
      >
        An IVR offer texts the caller a link to the chat assistant. Write the message here first; offers can link only to a published template.
      </EmptyState>
    );
  }
  return (
    <Card>
      <CardHeader title={`${templates.length} template${templates.length === 1 ? "" : "s"}`} description="Segments are counted with sample values; the limit is checked with the longest values a customer could bring." />
      <ul className="divide-y divide-line">
        {templates.map((template) => {
          const count = countSegments(previewSms(template.fields.body).text);
          const usedBy = offers.filter((offer) => offer.fields.smsTemplateId === template.id || offer.published?.smsTemplateId === template.id);
          return (
            <li key={template.id} className="grid gap-3 px-5 py-4 md:grid-cols-[minmax(0,1fr)_9rem_10rem_12rem] md:items-center">
              <div className="min-w-0">
                <Link href={configPath("sms_template", template.id)} className="font-medium text-ink hover:text-brand hover:underline">
                  {template.fields.name}
                </Link>
                <p className="mt-0.5 truncate text-xs text-muted" title={template.fields.body}>
                  <span className="mr-1.5 rounded bg-subtle px-1 font-mono text-[11px] text-ink-2">{template.fields.locale}</span>
                  {template.fields.body}
                </p>
              </div>
              <div className="flex flex-wrap gap-1">
                <Badge tone={template.fields.purpose === "deflection" ? "info" : "neutral"}>{template.fields.purpose === "deflection" ? "Deflection" : "Other"}</Badge>
                <Badge tone={count.segments > 2 ? "warn" : "neutral"}>
                  {count.segments} seg · {count.encoding}
                </Badge>
              </div>
              <div>
                <StatusBadges version={template.version} publishedVersion={template.publishedVersion} />
                <p className="mt-1 text-xs text-muted">{usedBy.length === 0 ? "Not used by an offer" : `Used by ${usedBy.length} offer${usedBy.length === 1 ? "" : "s"}`}</p>
              </div>
              <p className="text-xs text-muted md:text-right">
                {template.updatedBy}
                <br />
                {when(template.updatedAt)}
              </p>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
