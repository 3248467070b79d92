import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { type Connection, openDatabase } from "./index";
import { migrateDatabase } from "./migrate";
import { cancelScheduledDerivations } from "./queries/background";

export interface TestDatabase {
  connection: Connection;
  cleanup(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: PGlite in memory, or, when the test project says
 * so, a new database on the TEST_DATABASE_URL server that is dropped afterwards. With
 * `migrationsFolder`, only the migrations in that folder are applied (upgrade tests).
 */
export async function openTestDatabase(options: { migrationsFolder?: string } = {}): Promise<TestDatabase> {
  if (process.env.DB_TEST_TARGET !== "postgres") {
    const connection = await openDatabase({ dataDir: "memory" });
    await migrateDatabase(connection, options.migrationsFolder);
    return {
      connection,
      cleanup: async () => {
        cancelScheduledDerivations();
        await connection.close();
      },
    };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("DB_TEST_TARGET=postgres needs TEST_DATABASE_URL");
  const name = `sb_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const connection = await openDatabase({ url: url.toString() });
  await migrateDatabase(connection, options.migrationsFolder);
  return {
    connection,
    async cleanup() {
      cancelScheduledDerivations();
      await connection.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
