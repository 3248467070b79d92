import type { TransactionSql } from "postgres";

const IN_FAILED_TRANSACTION = "25P02";

/**
 * COPY … FROM STDIN with `data`, then `next` in the same transaction, whose answer proves that the
 * COPY succeeded.
 *
 * postgres.js 3.4 never settles a COPY stream that the server refuses after the data was sent
 * (porsager/postgres#1173, open): awaiting the stream's end would hang with the transaction open.
 * So the stream is not awaited. As soon as the stream has written CopyDone, `next` is sent behind
 * it on the same connection: when the COPY failed, the server answers it with "current
 * transaction is aborted", and a failed COPY is reported as a `CopyRefusedError`. An error the
 * server sends while the data is still being written reaches the stream, and is thrown as is.
 */
export async function copyThen<T>(tx: TransactionSql, statement: string, data: string | Buffer, next: () => Promise<T>): Promise<T> {
  const stream = await tx.unsafe(statement).writable();
  await new Promise<void>((resolve, reject) => {
    stream.once("error", reject);
    const final = stream._final.bind(stream);
    stream._final = (callback) => {
      final(callback);
      resolve();
    };
    stream.end(data);
  });
  try {
    return await next();
  } catch (error) {
    if ((error as { code?: string }).code === IN_FAILED_TRANSACTION) throw new CopyRefusedError();
    throw error;
  }
}

/** The server refused a COPY (postgres.js does not say why; see copyThen). */
export class CopyRefusedError extends Error {
  constructor() {
    super("The server refused the COPY.");
  }
}
