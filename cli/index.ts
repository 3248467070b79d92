/**
 * The operators' command line: what must work without a browser.
 *   npm run cli -- workspace create --name N [--time-zone TZ]
 *   npm run cli -- api-key create --workspace ID --scopes a,b [--name N]
 *   npm run cli -- user create --workspace ID --email E --role R [--name N]   (password on standard input)
 *   npm run cli -- user set-password --email E                               (password on standard input)
 *   npm run cli -- db migrate
 *   npm run cli -- db seed
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { type Connection, openDatabase } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { API_SCOPES, ROLES } from "@/lib/domain";
import { isValidTimeZone } from "@/lib/domain/time";
import { env } from "@/lib/env";
import { PRESET_IDS } from "@/lib/import/presets";

class UsageError extends Error {}

const USAGE = `Usage: npm run cli -- <command>

  workspace create --name NAME [--time-zone IANA_ZONE]    prints the new workspace id
  api-key create --workspace ID --scopes a,b [--name N]  prints the key (shown once)
                 scopes: ${API_SCOPES.join(", ")}
  user create --workspace ID --email E --role ROLE [--name N]
                 a new user's password is read from standard input; an existing user
                 only gains the membership (password unchanged); roles: ${ROLES.join(", ")}
  user set-password --email E                             reads the new password from standard input;
                                                          ends the user's sessions
  db migrate                                              applies the migrations
  db seed                                                 adds the demo workspace (DEMO_SEED, DEMO_END_DATE, DEMO_DAYS, DEMO_SCALE)
  import --workspace ID [--preset NAME] [--time-zone TZ] FILE
                 imports a CSV export as the /import page does; presets: ${PRESET_IDS.join(", ")}
                 (detected from the header row when not given); writes FILE's problems to
                 NAME.errors.csv beside it; the last line says what was imported and rejected

The database is DATABASE_URL when set, else the embedded one in PGLITE_DIR (default .data/pglite).`;

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("Password: ");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (process.stdin.isTTY && chunk.includes(10)) break;
  }
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

async function readPassword(): Promise<string> {
  const password = await readStdin();
  if (password.length < 8) throw new UsageError("The password (standard input) must have at least 8 characters.");
  return password;
}

function option(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`--${name} is required.`);
  return value.trim();
}

async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: "string" },
      "time-zone": { type: "string" },
      workspace: { type: "string" },
      scopes: { type: "string" },
      email: { type: "string" },
      role: { type: "string" },
      preset: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  // `import` takes the file as its one positional argument.
  const command = positionals[0] === "import" ? "import" : positionals.join(" ");
  if (values.help || command === "") {
    console.log(USAGE);
    return;
  }
  const known = ["workspace create", "api-key create", "user create", "user set-password", "db migrate", "db seed", "import"];
  if (!known.includes(command)) throw new UsageError(`Unknown command "${command}".`);
  if (command === "import" && positionals.length !== 2) throw new UsageError("import takes one FILE.");

  const config = env();
  const connection: Connection = await openDatabase({ url: config.DATABASE_URL, dataDir: config.PGLITE_DIR });
  try {
    if (command === "db migrate" || connection.kind === "pglite") await migrateDatabase(connection);
    const db = connection.db;
    switch (command) {
      case "db migrate":
        console.log(`Migrations applied to ${connection.label}.`);
        return;
      case "db seed": {
        const { seedDemo, demoOptionsFromEnv, DEMO_WORKSPACE_NAME } = await import("@/db/seed");
        const { workspaces } = await import("@/db/schema");
        const { eq } = await import("drizzle-orm");
        const existing = await db.select().from(workspaces).where(eq(workspaces.name, DEMO_WORKSPACE_NAME));
        if (existing.length > 0) {
          console.log(`The demo workspace is already there: ${existing[0].id}`);
          return;
        }
        const options = demoOptionsFromEnv();
        const started = Date.now();
        const summary = await seedDemo(db, options);
        console.log(
          `Seeded ${summary.events} demo events (${options.days} days to ${options.endDate}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
        );
        console.log(`Demo workspace: ${summary.workspaceId}`);
        return;
      }
      case "workspace create": {
        const timeZone = typeof values["time-zone"] === "string" ? values["time-zone"] : "UTC";
        if (!isValidTimeZone(timeZone)) throw new UsageError(`"${timeZone}" is not an IANA time zone (e.g. Europe/London).`);
        const { createWorkspace } = await import("@/db/queries/workspaces");
        const workspace = await createWorkspace(db, { name: option(values, "name"), timeZone });
        console.log(`Created workspace "${workspace.name}" (${workspace.timeZone}): ${workspace.id}`);
        return;
      }
      case "api-key create": {
        const scopes = z.array(z.enum(API_SCOPES)).min(1).safeParse(option(values, "scopes").split(",").map((s) => s.trim()));
        if (!scopes.success) throw new UsageError(`--scopes takes a comma-separated list of: ${API_SCOPES.join(", ")}.`);
        const workspaceId = option(values, "workspace");
        const { getWorkspace } = await import("@/db/queries/workspaces");
        if (!(await getWorkspace(db, workspaceId))) throw new UsageError(`No workspace ${workspaceId}.`);
        const { createApiKey } = await import("@/db/queries/api-keys");
        const name = typeof values.name === "string" ? values.name : `CLI key ${new Date().toISOString().slice(0, 10)}`;
        const created = await createApiKey(db, workspaceId, { name, scopes: scopes.data });
        console.log(`Created API key "${name}" with scopes ${scopes.data.join(", ")}. It is shown only this once:`);
        console.log(`API key: ${created.key}`);
        return;
      }
      case "user create": {
        const role = z.enum(ROLES).safeParse(option(values, "role"));
        if (!role.success) throw new UsageError(`--role must be one of: ${ROLES.join(", ")}.`);
        const email = z.email().safeParse(option(values, "email"));
        if (!email.success) throw new UsageError("--email must be an email address.");
        const workspaceId = option(values, "workspace");
        const { getWorkspace, setMembership } = await import("@/db/queries/workspaces");
        if (!(await getWorkspace(db, workspaceId))) throw new UsageError(`No workspace ${workspaceId}.`);
        const { createUser, findUserByEmail } = await import("@/db/queries/users");
        const existing = await findUserByEmail(db, email.data);
        if (existing) {
          await setMembership(db, workspaceId, existing.id, role.data);
          console.log(`${existing.email} already has an account; its password is unchanged (user set-password changes it).`);
          console.log(`User ${existing.email} is ${role.data} in workspace ${workspaceId}: ${existing.id}`);
          return;
        }
        const user = await createUser(db, { email: email.data, name: typeof values.name === "string" ? values.name : undefined, password: await readPassword() });
        await setMembership(db, workspaceId, user.id, role.data);
        console.log(`User ${user.email} is ${role.data} in workspace ${workspaceId}: ${user.id}`);
        return;
      }
      case "import": {
        const workspaceId = option(values, "workspace");
        const { ImportUsageError, importFile } = await import("./import");
        try {
          const result = await importFile(
            db,
            {
              workspaceId,
              file: positionals[1],
              preset: typeof values.preset === "string" ? values.preset : undefined,
              timeZone: typeof values["time-zone"] === "string" ? values["time-zone"] : undefined,
            },
            { log: (line) => console.log(line), progress: process.stderr.isTTY ? process.stderr : null },
          );
          if (result.failure) process.exitCode = 1;
        } catch (error) {
          if (error instanceof ImportUsageError) throw new UsageError(error.message);
          throw error;
        }
        return;
      }
      case "user set-password": {
        const email = z.email().safeParse(option(values, "email"));
        if (!email.success) throw new UsageError("--email must be an email address.");
        const { findUserByEmail, setPassword } = await import("@/db/queries/users");
        const user = await findUserByEmail(db, email.data);
        if (!user) throw new UsageError(`No user ${email.data}.`);
        await setPassword(db, user.id, await readPassword());
        console.log(`Password of ${user.email} changed; their open sessions have ended.`);
        return;
      }
    }
  } finally {
    await connection.close();
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
