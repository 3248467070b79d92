import type { Metadata } from "next";
import { getDb } from "@/db";
import { listMembers } from "@/db/queries/workspaces";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageCapability } from "@/lib/auth/session";
import { MembersTable, AddMemberForm } from "./members";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await requirePageCapability("settings:write");
  const members = await listMembers(await getDb(), user.workspaceId);
  return (
    <>
      <PageHeader title="Users" description="Who can sign in to this workspace, and what their role lets them do. A role change applies from the person’s next click." />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1.6fr)_minmax(0,1fr)]">
        <MembersTable
          currentUserId={user.userId}
          members={members.map((m) => ({ userId: m.userId, email: m.email, name: m.name, role: m.role, since: m.since.toISOString(), invitedUntil: m.invitedUntil?.toISOString() ?? null }))}
        />
        <AddMemberForm />
      </div>
    </>
  );
}
