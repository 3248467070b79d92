import { prepareDatabase } from "@/db/startup";
import { EnvError, env } from "@/lib/env";

/**
 * Checks the environment, then prepares the embedded database (migrate, and the demo workspace
 * when it is empty). A real Postgres server is migrated by the operator (`npm run db:migrate`),
 * never behind their back. Any failure stops the server with a message, not a stack trace.
 */
export async function startServer(): Promise<void> {
  try {
    env();
    await prepareDatabase();
    // Messages held for quiet hours leave when they end (docs/adr/025).
    const [{ getDb }, { startHeldMessageSweeper }] = await Promise.all([import("@/db"), import("@/db/queries/messaging")]);
    startHeldMessageSweeper(getDb);
  } catch (error) {
    const message = error instanceof EnvError || error instanceof Error ? error.message : String(error);
    console.error(`\n${message}\n`);
    process.exit(1);
  }
}
