import fs from "node:fs";
import path from "node:path";

/**
 * PGlite has no lock of its own: two processes writing one data folder silently lose rows. The
 * first process to open the folder writes its pid into `<folder>.lock`; any other process is
 * refused while that pid is alive. A lock left by a process that died is taken over.
 */
export class DataFolderInUseError extends Error {
  constructor(folder: string, pid: number) {
    super(
      `The embedded database in ${folder} is in use by another process (pid ${pid}). ` +
        `Only one process may open it at a time: stop that process first (for example the running ` +
        `"npm run dev"), or point PGLITE_DIR at another folder, or use a Postgres server with DATABASE_URL.`,
    );
    this.name = "DataFolderInUseError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function lockPathFor(folder: string): string {
  return `${path.resolve(folder)}.lock`;
}

/** Takes the folder's lock for this process, or throws DataFolderInUseError. Returns a release function. */
export function acquireDataFolderLock(folder: string): () => void {
  const lockPath = lockPathFor(folder);
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      const release = () => {
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number.parseInt(fs.readFileSync(lockPath, "utf8"), 10);
      if (owner === process.pid) return () => {};
      if (Number.isInteger(owner) && isAlive(owner)) throw new DataFolderInUseError(folder, owner);
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}
