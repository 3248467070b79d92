/**
 * An ingest worker (docs/adr/020): decodes, validates and encodes request bodies for the
 * server's thread, which is left the HTTP and the database. Started by lib/events/off-thread.ts.
 */
import { parentPort } from "node:worker_threads";
import { type PreparedBatch, preparePlainBody } from "./prepared";

export interface PrepareRequest {
  id: number;
  bytes: Uint8Array;
  workspaceId: string;
  now: number;
}

export interface PrepareAnswer {
  id: number;
  /** Null when the server's thread must judge the body itself. */
  prepared: PreparedBatch | null;
}

parentPort?.on("message", ({ id, bytes, workspaceId, now }: PrepareRequest) => {
  let prepared: PreparedBatch | null = null;
  try {
    prepared = preparePlainBody(bytes, workspaceId, now);
  } catch {
    // Whatever failed here fails again, and is answered, on the server's thread.
  }
  const answer: PrepareAnswer = { id, prepared };
  parentPort!.postMessage(answer, prepared ? [prepared.copy.buffer as ArrayBuffer] : []);
});
