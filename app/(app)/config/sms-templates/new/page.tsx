import type { Metadata } from "next";
import Link from "next/link";
import { SmsTemplateEditor } from "@/components/config/sms-template-editor";
import { NEW_SMS_TEMPLATE } from "@/lib/config/defaults";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { configPage } from "../../context";

export const metadata: Metadata = { title: "New SMS template" };

export default async function NewSmsTemplatePage() {
  await configPage("config:write");
  return (
    <>
      <Breadcrumb />
      <PageHeader title="New SMS template" description="Saved as a draft. Publish it when it reads right; only then can IVR offers link to it." />
      <Card>
        <SmsTemplateEditor baseline={NEW_SMS_TEMPLATE} readOnly={false} />
      </Card>
    </>
  );
}

function Breadcrumb() {
  return (
    <p className="mb-2 text-sm">
      <Link href="/config/sms-templates" className="text-muted hover:text-brand">
        ← SMS templates
      </Link>
    </p>
  );
}
