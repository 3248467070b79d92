import { NextResponse } from "next/server";
import { sql } from "drizzle-orm";
import { getConnection } from "@/db";
import { errorForLog } from "@/lib/log";

/** Liveness and database reachability, without signing in (load balancers, the e2e web server). */
export async function GET() {
  try {
    const connection = await getConnection();
    await connection.db.execute(sql`select 1`);
    return NextResponse.json({ ok: true, db: "ok", engine: connection.kind });
  } catch (error) {
    console.error(`Health check failed: ${errorForLog(error)}`);
    return NextResponse.json({ ok: false, db: "unavailable" }, { status: 503 });
  }
}
