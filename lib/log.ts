/**
 * An unexpected error as one line for the server's error log, without what a request sent: a
 * failed query's error carries the query and its parameters (drizzle's "Failed query: … params:
 * …", postgres.js's `parameters`, a database error's `detail` such as "Key (id)=(…)"), and
 * messages quote the offending value (`invalid input syntax for type timestamp: "1"`). So the log
 * gets the error's name, its SQLSTATE code, its message with quoted text replaced by "…", cut
 * short, and the stack's frames, never the fields that hold values.
 */
export function errorForLog(error: unknown): string {
  const cause = innermost(error);
  if (!(cause instanceof Error)) return `non-Error thrown (${typeof cause})`;
  const { code } = cause as { code?: unknown };
  const frames = (error instanceof Error ? (error.stack ?? "") : "")
    .split("\n")
    .filter((line) => line.startsWith("    at "))
    .slice(0, MAX_FRAMES);
  const message = cause.message.startsWith("Failed query:") ? "Failed query (its text and parameters are not logged)" : redact(cause.message);
  return [`${cause.name}${typeof code === "string" ? ` ${code}` : ""}: ${message}`, ...frames].join("\n");
}

const MAX_FRAMES = 8;
const MAX_MESSAGE = 300;
const MAX_CAUSES = 5;

/** The error a wrapper (drizzle's DrizzleQueryError) was thrown for: its message is the database's own. */
function innermost(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < MAX_CAUSES && current instanceof Error && current.cause !== undefined; depth++) current = current.cause;
  return current;
}

/** The first line, cut before any pattern runs, with "quoted" values replaced. */
function redact(message: string): string {
  const firstLine = message.slice(0, MAX_MESSAGE).split("\n")[0];
  return firstLine.replace(/"[^"]*"/g, '"…"');
}
