import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { scheduleDerivation } from "@/db/queries/background";
import { decideAndRecord, unreachableCode } from "@/db/queries/runtime";
import { ApiError, invalid, notFound } from "@/lib/api/errors";
import { authorize, parseJsonBytes, parseWith, readJsonBytes } from "@/lib/api/route";
import { errorForLog } from "@/lib/log";
import { type Budget, ConcurrencyLimit, OUT_OF_TIME, withinBudget } from "@/lib/runtime/budget";
import { type DecisionAnswer, unavailableAnswer } from "@/lib/runtime/decide";
import { decisionRequestSchema } from "@/lib/runtime/schema";

/** The database's share of the 500 ms in which an answer must leave (docs/adr/024)… */
const DATABASE_BUDGET_MS = 400;
/** …and how much longer a decision already committing is waited for, rather than answered "unavailable" and stored. */
const COMMIT_GRACE_MS = 60;
/**
 * Decisions of this process whose database work has not finished, answered or not, are limited:
 * at most 64, fewer while they come back late (lib/runtime/budget.ts). A request beyond the limit
 * is answered "unavailable" at once: it would only queue behind them, past its budget, and keep
 * an overloaded server busy with work nobody waits for (docs/adr/024).
 */
const waiting = new ConcurrencyLimit(4, 64, DATABASE_BUDGET_MS);
/** Work that never ends (a lost connection, a bug) is let go of after this long. */
const WAITING_AT_MOST_MS = 30_000;
const MAX_BODY_BYTES = 16 * 1024;
const requestSchema = decisionRequestSchema();

/**
 * `POST /api/v1/decide` (DESIGN.md "Runtime" → "Decisions"): an API key with scope `runtime`, a
 * request, the flat answer. The caller's platform is never left without an answer it can act on:
 * when the database cannot be reached, or does not answer within the budget, the answer is
 * "nothing offered, unavailable" and one warning line says so; nothing is stored then. Bad input
 * gets DESIGN.md's 400/415/422; a caller without the scope a 403.
 *
 * Not built on apiRoute, whose answers cannot be bounded in time; it checks the caller the same way.
 */
export async function POST(request: NextRequest): Promise<Response> {
  try {
    // The body is read first, and whole: work that outlives its answer must not wait for the
    // body of a request that has been answered (it may never come, and the work never end).
    const body = await readJsonBytes(request, MAX_BODY_BYTES);
    const release = waiting.tryAcquire();
    if (!release) return unavailable(`${waiting.limit} decisions are already waiting for the database`);
    const started = performance.now();
    const outcome = await withinBudget(
      DATABASE_BUDGET_MS,
      (budget) => {
        const stuck = setTimeout(() => release("late"), WAITING_AT_MOST_MS);
        stuck.unref?.();
        return decideFor(request, body, budget).finally(() => {
          clearTimeout(stuck);
          release(performance.now() - started <= DATABASE_BUDGET_MS ? "in_time" : "late");
        });
      },
      COMMIT_GRACE_MS,
    );
    if (outcome === OUT_OF_TIME) return unavailable(`the database did not answer within ${DATABASE_BUDGET_MS} ms`);
    return answer(outcome);
  } catch (error) {
    if (error instanceof ApiError) return error.toResponse();
    if (error instanceof z.ZodError) return invalid(error).toResponse();
    const code = unreachableCode(error);
    if (code) return unavailable(`the database could not be reached (${code})`);
    // Never the error object: a failed query's carries what the request sent (lib/log.ts).
    console.error(`Unexpected error in POST /api/v1/decide: ${errorForLog(error)}`);
    return new ApiError(500, "internal", "Something went wrong on our side; nothing was changed.").toResponse();
  }
}

async function decideFor(request: NextRequest, body: Uint8Array, budget: Budget): Promise<DecisionAnswer> {
  const db = await getDb();
  const principal = await authorize(request, db, "runtime");
  const decisionRequest = parseWith(requestSchema, parseJsonBytes(body));
  const recorded = await decideAndRecord(db, principal.workspaceId, decisionRequest, { signal: budget.signal, mayCommit: budget.claim });
  if (!recorded) throw notFound("workspace");
  if (recorded.events > 0) scheduleDerivation(db, principal.workspaceId);
  return recorded.answer;
}

/** Nothing offered, nothing stored: the IVR routes the call as it would without Switchboard. No request values are logged. */
function unavailable(why: string): Response {
  console.warn(`POST /api/v1/decide answered "unavailable": ${why}`);
  return answer(unavailableAnswer());
}

/**
 * A decision is about one contact at one moment: never stored by a cache, and not compressed (a
 * few hundred bytes; `no-transform` keeps Next.js's gzip off, a millisecond of CPU per answer).
 */
function answer(decision: DecisionAnswer): Response {
  return NextResponse.json(decision, { headers: { "cache-control": "no-store, no-transform" } });
}
