import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as coreSchema from "./schema";
import * as configSchema from "./schema-config";
import { acquireDataFolderLock } from "./lock";

const schema = { ...coreSchema, ...configSchema };

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbKind = "pglite" | "postgres";

export interface Connection {
  db: Db;
  kind: DbKind;
  /** A label for logs and the health check, without credentials. */
  label: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL of a real server. When absent, the embedded PGlite database is used. */
  url?: string;
  /** PGlite data folder; `memory` keeps everything in memory (tests). */
  dataDir?: string | "memory";
}

export const DEFAULT_PGLITE_DIR = ".data/pglite";

/*
 * What is known of each open database is kept on globalThis: Next.js bundles this module into
 * several chunks (instrumentation, each route), and the connection opened by one of them is used
 * by all of them.
 */
const registry = globalThis as unknown as { switchboardEmbedded?: WeakSet<object>; switchboardPostgresClients?: WeakMap<object, PostgresClient> };
const embedded = (registry.switchboardEmbedded ??= new WeakSet<object>());
/** True for a database on embedded PGlite (no autovacuum, one connection). */
export function isEmbedded(db: object): boolean {
  return embedded.has(db);
}
function remember<T extends object>(db: T): T {
  embedded.add(db);
  return db;
}

const postgresClients = (registry.switchboardPostgresClients ??= new WeakMap<object, PostgresClient>());
/** The postgres.js client behind a database on a PostgreSQL server, for what Drizzle cannot do (COPY); null on PGlite. */
export function postgresClientOf(db: object): PostgresClient | null {
  return postgresClients.get(db) ?? null;
}
export type PostgresClient = import("postgres").Sql;

/**
 * postgres.js leaves Nagle's algorithm on, so the last small message of a COPY waits for the
 * server's delayed ACK (~40 ms per COPY here). libpq turns it off on every connection; so do we.
 * The first host of the URL that answers is used.
 */
function connectWithoutDelay(options: { host: string[]; port: number[]; path?: string; connect_timeout?: number }): Promise<net.Socket> {
  const targets: net.NetConnectOpts[] = options.path
    ? [{ path: options.path }]
    : options.host.map((host, i) => ({ host, port: options.port[i] ?? options.port[0] ?? 5432 }));
  const attempt = (index: number, lastError?: unknown): Promise<net.Socket> => {
    if (index >= targets.length) return Promise.reject(lastError ?? new Error("no PostgreSQL host to connect to"));
    return new Promise<net.Socket>((resolve, reject) => {
      const socket = net.connect(targets[index]);
      const timer = setTimeout(() => socket.destroy(new Error(`connection to PostgreSQL timed out`)), 1000 * (options.connect_timeout ?? 30));
      socket.once("connect", () => {
        clearTimeout(timer);
        socket.setNoDelay(true);
        resolve(socket);
      });
      socket.once("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
    }).catch((error) => attempt(index + 1, error));
  };
  return attempt(0);
}

export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `postgres ${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return "postgres";
  }
}

export async function openDatabase(options: OpenOptions = {}): Promise<Connection> {
  if (options.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    // `socket` (a connection factory) is an option of postgres.js that its types do not declare.
    const client = postgres(options.url, { max: 10, onnotice: () => {}, ...({ socket: connectWithoutDelay } as object) });
    const db = drizzle(client, { schema }) as unknown as Db;
    postgresClients.set(db, client);
    return {
      db,
      kind: "postgres",
      label: describeUrl(options.url),
      close: () => client.end({ timeout: 5 }),
    };
  }

  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dataDir = options.dataDir ?? DEFAULT_PGLITE_DIR;
  if (dataDir === "memory") {
    const client = await PGlite.create();
    return { db: remember(drizzle(client, { schema }) as unknown as Db), kind: "pglite", label: "pglite (memory)", close: () => client.close() };
  }
  const folder = path.resolve(dataDir);
  const release = acquireDataFolderLock(folder);
  try {
    fs.mkdirSync(folder, { recursive: true });
    const client = await PGlite.create(folder);
    return {
      db: remember(drizzle(client, { schema }) as unknown as Db),
      kind: "pglite",
      label: `pglite ${folder.startsWith(process.cwd()) ? path.relative(process.cwd(), folder) || "." : folder}`,
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** Rows of a raw SQL query, the same on both drivers (PGlite answers `{ rows }`, postgres.js an array). */
export async function queryRows<T>(db: Pick<Db, "execute">, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

const globalForDb = globalThis as unknown as { switchboardConnection?: Promise<Connection> };

/**
 * The app's one connection, opened on first use and kept across hot reloads (one PGlite
 * instance costs ~250 MB, and only one process may own its folder).
 */
export function getConnection(): Promise<Connection> {
  globalForDb.switchboardConnection ??= openDatabase({
    url: process.env.DATABASE_URL || undefined,
    dataDir: process.env.PGLITE_DIR || DEFAULT_PGLITE_DIR,
  }).catch((error) => {
    globalForDb.switchboardConnection = undefined;
    throw error;
  });
  return globalForDb.switchboardConnection;
}

export async function getDb(): Promise<Db> {
  return (await getConnection()).db;
}
