import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

export class DatabaseBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `The embedded database ${dataDir} is already open in process ${ownerPid}. ` +
        "PGlite allows one process per data directory: start `npm run db:serve` (or `npm run dev`) so every process connects through it, or stop the other process.",
    );
    this.name = "DatabaseBusyError";
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

/** Takes the exclusive lock on a PGlite data directory; returns its release function. */
export async function acquirePgliteLock(dataDir: string, waitMs = 15_000): Promise<() => void> {
  const lockFile = `${path.resolve(dataDir)}.lock`;
  mkdirSync(path.dirname(lockFile), { recursive: true });
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(lockFile, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(lockFile, { force: true });
        process.off("exit", release);
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const ownerPid = Number(readFileSync(lockFile, "utf8").trim());
    if (!Number.isInteger(ownerPid) || ownerPid <= 0 || !isAlive(ownerPid)) {
      rmSync(lockFile, { force: true });
      continue;
    }
    if (ownerPid === process.pid || Date.now() >= deadline) throw new DatabaseBusyError(dataDir, ownerPid);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
