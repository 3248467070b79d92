import { getConnection } from "./index";
import { migrateDatabase } from "./migrate";
import { env } from "@/lib/env";

/** Migrates the embedded database and fills an empty one with the demo workspace. */
export async function prepareDatabase(): Promise<void> {
  const connection = await getConnection();
  if (connection.kind !== "pglite") return;
  await migrateDatabase(connection);
  if (!env().demoMode) return;
  const { countWorkspaces } = await import("./queries/workspaces");
  if ((await countWorkspaces(connection.db)) > 0) return;
  const { seedDemo, demoOptionsFromEnv } = await import("./seed");
  const started = Date.now();
  console.log("Switchboard: filling the embedded database with the demo workspace…");
  const summary = await seedDemo(connection.db, demoOptionsFromEnv());
  console.log(`Switchboard: demo workspace ready (${summary.events.toLocaleString("en-US")} events in ${((Date.now() - started) / 1000).toFixed(1)} s).`);
}
