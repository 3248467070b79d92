import "server-only";
import os from "node:os";
import { Worker } from "node:worker_threads";
import type { PrepareAnswer, PrepareRequest } from "./ingest-worker";
import { type PreparedBatch, preparePlainBody } from "./prepared";

/*
 * Ingest workers (docs/adr/020). The server's one JavaScript thread was the limit of ingest: per
 * batch of 1,000 events it spent a third of its time decoding, validating and encoding events,
 * while a core stood partly idle. Workers do that part; the thread keeps HTTP and the database.
 *
 * A worker that fails is replaced on the next batch, and the batches it held are judged on the
 * server's thread, as they are where no worker can start (running from TypeScript sources, as
 * vitest does, the worker's .ts entry cannot be loaded): workers change how fast, never what.
 */

export type Prepare = (bytes: Uint8Array, workspaceId: string, now: number) => Promise<PreparedBatch | null>;

interface Lane {
  worker: Worker;
  pending: Map<number, (prepared: PreparedBatch | null) => void>;
  answered: boolean;
}

/** preparePlainBody on `lanes` workers made by `spawn`, or on this thread once they cannot start. */
export function preparingPool(spawn: () => Worker, lanes: number): Prepare {
  let running: Lane[] = [];
  let unavailable = false;
  let nextId = 0;

  const start = (): Lane => {
    const worker = spawn();
    // The workers never keep a stopping server alive.
    worker.unref();
    const lane: Lane = { worker, pending: new Map(), answered: false };
    worker.on("message", ({ id, prepared }: PrepareAnswer) => {
      lane.answered = true;
      const resolve = lane.pending.get(id);
      lane.pending.delete(id);
      resolve?.(prepared);
    });
    const fail = (error?: Error) => {
      running = running.filter((other) => other !== lane);
      if (!lane.answered && !unavailable) {
        // A worker that never answered will not start: from now on batches are prepared here.
        unavailable = true;
        if (error && (error as { code?: string }).code !== "ERR_UNKNOWN_FILE_EXTENSION") {
          console.warn("Ingest workers cannot start; batches are prepared on the server's thread:", error);
        }
      }
      for (const resolve of lane.pending.values()) resolve(null);
      lane.pending.clear();
    };
    worker.once("error", fail);
    worker.once("exit", () => fail());
    return lane;
  };

  return (bytes, workspaceId, now) => {
    if (unavailable) return Promise.resolve(preparePlainBody(bytes, workspaceId, now));
    while (running.length < lanes) running.push(start());
    const lane = running.reduce((least, other) => (other.pending.size < least.pending.size ? other : least));
    const id = nextId++;
    return new Promise((resolve) => {
      lane.pending.set(id, resolve);
      const request: PrepareRequest = { id, bytes, workspaceId, now };
      lane.worker.postMessage(request);
    });
  };
}

/** One worker per core beyond the server's own thread, at least one and at most four. */
const LANES = Math.max(1, Math.min(4, os.availableParallelism() - 1));

const registry = globalThis as unknown as { switchboardPrepare?: Prepare };

/**
 * preparePlainBody, run by the server's ingest workers: the prepared batch of a body whose events
 * are all plainly valid at `now`, or null when the server's thread must judge the body itself.
 */
export const prepareOffThread: Prepare = (bytes, workspaceId, now) =>
  (registry.switchboardPrepare ??= preparingPool(() => new Worker(new URL("./ingest-worker.ts", import.meta.url)), LANES))(bytes, workspaceId, now);
