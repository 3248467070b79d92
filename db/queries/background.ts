import "server-only";
import type { Db } from "@/db";
import { errorForLog } from "@/lib/log";
import { refreshRollups } from "./rollups";
import { getSettings } from "./settings";

/*
 * What reads would otherwise do first, done in the background after an API ingest: drain the
 * derivation queue (docs/adr/002) and bring the rollups up to date (docs/adr/018).
 *
 * It runs once the workspace has been quiet for a second, and during a long stream of batches
 * at the latest QUIET_AT_MOST after the first one waiting: on a small server the derivation
 * competes with ingest for the same cores, and a burst is taken fastest when it waits for the
 * burst to end. A read never waits for the timer; it drains what is queued itself.
 */
const QUIET = 1_000;
const QUIET_AT_MOST = 30_000;

const scheduled = globalThis as unknown as { switchboardDerive?: Map<string, { timer: NodeJS.Timeout; since: number }> };

export function scheduleDerivation(db: Db, workspaceId: string): void {
  const timers = (scheduled.switchboardDerive ??= new Map());
  const existing = timers.get(workspaceId);
  const since = existing?.since ?? Date.now();
  if (existing) clearTimeout(existing.timer);
  const delay = Date.now() - since > QUIET_AT_MOST ? 0 : QUIET;
  const timer = setTimeout(() => {
    timers.delete(workspaceId);
    catchUp(db, workspaceId).catch((error) => console.error(`Background derivation failed (reads will retry): ${errorForLog(error)}`));
  }, delay);
  timer.unref?.();
  timers.set(workspaceId, { timer, since });
}

async function catchUp(db: Db, workspaceId: string) {
  const settings = await getSettings(db, workspaceId);
  if (settings) await refreshRollups(db, workspaceId, settings);
}

/** Forgets every scheduled background derivation (a closing connection, tests). */
export function cancelScheduledDerivations(): void {
  for (const { timer } of scheduled.switchboardDerive?.values() ?? []) clearTimeout(timer);
  scheduled.switchboardDerive?.clear();
}
