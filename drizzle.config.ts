import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: ["./db/schema.ts", "./db/schema-config.ts"],
  out: "./db/migrations",
  strict: true,
});
