import path from "node:path";
import type { Connection } from "./index";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/** Applies the committed drizzle-kit migrations; the same files on PGlite and on Postgres. */
export async function migrateDatabase(connection: Connection, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  if (connection.kind === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(connection.db as never, { migrationsFolder });
  } else {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(connection.db as never, { migrationsFolder });
  }
}
