import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));
const alias = {
  "@": root,
  // `import "server-only"` throws outside React's server build; in tests it is a no-op.
  "server-only": path.join(root, "node_modules/server-only/empty.js"),
};

const databaseTests = ["db/**/*.test.ts", "app/**/*.test.ts", "test/**/*.test.ts"];

/**
 * Unit tests run once; database tests run on PGlite in memory and, when TEST_DATABASE_URL names
 * a Postgres server, once more against a fresh database on it.
 */
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      { resolve: { alias }, test: { name: "unit", include: ["lib/**/*.test.ts", "cli/**/*.test.ts"], environment: "node" } },
      {
        resolve: { alias },
        test: { name: "db:pglite", include: databaseTests, environment: "node", env: { DB_TEST_TARGET: "pglite" }, testTimeout: 30_000, hookTimeout: 60_000 },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              resolve: { alias },
              test: { name: "db:postgres", include: databaseTests, environment: "node", env: { DB_TEST_TARGET: "postgres" }, testTimeout: 30_000, hookTimeout: 60_000 },
            },
          ]
        : []),
    ],
  },
});
