import { listCallTypes } from "@/db/queries/workspaces";
import { apiRoute } from "@/lib/api/route";

/** The workspace's call types (slug, readable name, phone cost override), for filters and settings. */
export const GET = apiRoute("metrics:read", async ({ db, principal }) => {
  const rows = await listCallTypes(db, principal.workspaceId);
  return { items: rows.map((row) => ({ slug: row.slug, name: row.name, phoneCost: row.phoneCost === null ? null : Number(row.phoneCost) })) };
});
