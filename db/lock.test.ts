import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DataFolderInUseError, acquireDataFolderLock, lockPathFor } from "./lock";

const folders: string[] = [];
function tempFolder() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "sb-lock-"));
  folders.push(folder);
  return path.join(folder, "pglite");
}
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

/** Another process that holds the lock until it is killed. */
function holdLockInChild(lockPath: string) {
  const child = spawn(process.execPath, ["-e", `require("fs").writeFileSync(${JSON.stringify(lockPath)}, String(process.pid)); setInterval(() => {}, 1000);`]);
  return new Promise<typeof child>((resolve) => {
    const poll = setInterval(() => {
      if (fs.existsSync(lockPath) && fs.readFileSync(lockPath, "utf8") === String(child.pid)) {
        clearInterval(poll);
        resolve(child);
      }
    }, 20);
  });
}

describe("the embedded database folder lock", () => {
  it("refuses a second process while the first one lives, naming it", async () => {
    const folder = tempFolder();
    const child = await holdLockInChild(lockPathFor(folder));
    try {
      expect(() => acquireDataFolderLock(folder)).toThrow(DataFolderInUseError);
      expect(() => acquireDataFolderLock(folder)).toThrow(new RegExp(`pid ${child.pid}`));
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("takes over a lock left by a process that died", async () => {
    const folder = tempFolder();
    const child = await holdLockInChild(lockPathFor(folder));
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    const release = acquireDataFolderLock(folder);
    expect(fs.readFileSync(lockPathFor(folder), "utf8")).toBe(String(process.pid));
    release();
    expect(fs.existsSync(lockPathFor(folder))).toBe(false);
  });
});
