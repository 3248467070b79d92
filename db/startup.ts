import { getConnection } from "./index";
import { migrateDatabase } from "./migrate";
import { env } from "@/lib/env";

/**
 * Migrates the embedded database (a real server is migrated by its operator), fills an empty one
 * with the demo workspace in demo mode, and keeps the demo accounts' sign-in in step with demo
 * mode: `SWITCHBOARD_DEMO=0` turns existing demo accounts off, demo mode turns them on again.
 */
export async function prepareDatabase(): Promise<void> {
  const connection = await getConnection();
  const config = env();
  if (connection.kind === "pglite") await migrateDatabase(connection);
  const { DEMO_ACCOUNTS } = await import("./demo-accounts");
  const { setAccountsEnabled } = await import("./queries/users");
  const demoEmails = DEMO_ACCOUNTS.map((account) => account.email);
  try {
    if (!config.demoMode && config.SWITCHBOARD_DEMO === "0") {
      const disabled = await setAccountsEnabled(connection.db, demoEmails, false);
      if (disabled > 0) console.log(`Switchboard: demo mode is off; ${disabled} demo account(s) can no longer sign in.`);
    }
    if (config.demoMode) await setAccountsEnabled(connection.db, demoEmails, true);
  } catch (error) {
    // A real server that is not migrated yet has no such columns; the operator migrates it.
    if (connection.kind === "pglite") throw error;
    console.warn("Switchboard: could not check the demo accounts (is the database migrated? npm run db:migrate).");
  }

  const { countWorkspaces } = await import("./queries/workspaces");
  const empty = (await countWorkspaces(connection.db).catch(() => 1)) === 0;
  if (!empty) return;
  if (!config.demoMode) {
    console.log(FIRST_ADMIN_HELP);
    return;
  }
  if (connection.kind !== "pglite") return;
  const { seedDemo, demoOptionsFromEnv } = await import("./seed");
  const started = Date.now();
  console.log("Switchboard: filling the embedded database with the demo workspace…");
  const summary = await seedDemo(connection.db, demoOptionsFromEnv());
  console.log(`Switchboard: demo workspace ready (${summary.events.toLocaleString("en-US")} events in ${((Date.now() - started) / 1000).toFixed(1)} s).`);
}

const FIRST_ADMIN_HELP = `
Switchboard: this database has no workspace yet, so no one can sign in. Create the first workspace
and its admin with the command line (on the embedded database, stop this server first: only one
process may open its folder):

  npm run cli -- workspace create --name "Acme Care" --time-zone Europe/London
  echo "$ADMIN_PASSWORD" | npm run cli -- user create --workspace <id printed above> --email you@example.com --role admin

Or start with SWITCHBOARD_DEMO=1 for the demo workspace and its demo accounts.
`;
