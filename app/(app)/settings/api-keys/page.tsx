import type { Metadata } from "next";
import { getDb } from "@/db";
import { listApiKeys } from "@/db/queries/api-keys";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageCapability } from "@/lib/auth/session";
import { ApiKeyList, CreateApiKeyForm } from "./api-keys";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const user = await requirePageCapability("settings:write");
  const keys = await listApiKeys(await getDb(), user.workspaceId);
  return (
    <>
      <PageHeader
        title="API keys"
        description="Credentials for the systems that send events (IVR, SMS gateway, chat platform, ACD) or read metrics. Each key is shown once and stored only as a hash."
      />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1.6fr)_minmax(0,1fr)]">
        <ApiKeyList
          keys={keys.map((k) => ({
            id: k.id,
            name: k.name,
            prefix: k.prefix,
            scopes: k.scopes,
            createdAt: k.createdAt.toISOString(),
            lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
            revokedAt: k.revokedAt?.toISOString() ?? null,
          }))}
        />
        <CreateApiKeyForm />
      </div>
    </>
  );
}
