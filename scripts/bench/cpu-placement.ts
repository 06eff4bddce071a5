// bench:sync --pin: the process measured on a core of its own, PostgreSQL and the feed server on the other, as when
// the database runs on its own machine. Affinities are set with taskset and PostgreSQL's are put back at the end.
import { execFileSync } from "node:child_process";
import os from "node:os";
import { allProcesses, readProcStat } from "./proc-stat";

export type Launch = (command: string, args: string[]) => [string, string[]];

export const launchDirectly: Launch = (command, args) => [command, args];

export interface CpuPlacement {
  launchSubject: Launch;
  description: string;
  restore(): void;
}

function affinityOf(pid: number): string {
  const output = execFileSync("taskset", ["-p", String(pid)], { encoding: "utf8" });
  return /mask: ([0-9a-f]+)/.exec(output)![1]!;
}

function setAffinity(pid: number, mask: string, allThreads = false): void {
  execFileSync("taskset", [...(allThreads ? ["-a"] : []), "-p", mask, String(pid)], { stdio: "ignore" });
}

/**
 * Pins PostgreSQL (the postmaster of `backendPid` and every process it started; new backends inherit it) and this
 * process (the feed server) to CPU 0; subjects launched through launchSubject run on CPU 1. Null where that is not
 * possible (one CPU, no taskset, not allowed): the caller says so and measures unpinned.
 */
export function pinSubjectApart(backendPid: number): CpuPlacement | null {
  if (os.cpus().length < 2) return null;
  const postmaster = readProcStat(backendPid)?.parent;
  if (postmaster === undefined) return null;
  const saved = new Map<number, string>();
  try {
    for (const pid of [
      postmaster,
      ...allProcesses()
        .filter((proc) => proc.parent === postmaster)
        .map((proc) => proc.pid),
    ]) {
      saved.set(pid, affinityOf(pid));
      setAffinity(pid, "1");
    }
    saved.set(process.pid, affinityOf(process.pid));
    setAffinity(process.pid, "1", true);
  } catch {
    restoreAll(saved);
    return null;
  }
  // Interrupted (Ctrl-C), the benchmark still gives PostgreSQL its CPUs back.
  const onSignal = (signal: NodeJS.Signals) => {
    restoreAll(saved);
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  return {
    launchSubject: (command, args) => ["taskset", ["-c", "1", command, ...args]],
    description: "measured process on CPU 1; PostgreSQL and the feed server on CPU 0",
    restore: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      restoreAll(saved);
    },
  };
}

function restoreAll(saved: Map<number, string>): void {
  for (const [pid, mask] of saved) {
    try {
      setAffinity(pid, mask, pid === process.pid);
    } catch {
      // The process ended meanwhile.
    }
  }
}
