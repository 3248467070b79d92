/**
 * The decide bench's anchor (bench/decide.ts): a bare node:http server that does the least a
 * decision could — read the JSON body, store one row in the same PostgreSQL database, answer a
 * small JSON object. No framework, no authentication, no configuration. Its throughput is what
 * the decide endpoint is compared with.
 *
 *   DATABASE_URL=postgres://… PORT=… node bench/anchor.mjs
 */
import http from "node:http";
import postgres from "postgres";

const sql = postgres(process.env.DATABASE_URL, { max: 10, onnotice: () => {} });
await sql`create table if not exists bench_anchor (id text primary key, body jsonb not null, created_at timestamptz not null default now())`;

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", async () => {
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      await sql`insert into bench_anchor (id, body) values (${body.contactId}, ${sql.json(body)}) on conflict (id) do nothing`;
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ offer: "false", reason: "anchor" }));
    } catch (error) {
      response.writeHead(500).end(String(error));
    }
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("anchor listening"));
process.on("SIGTERM", () => server.close(() => sql.end().then(() => process.exit(0))));
