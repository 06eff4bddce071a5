// What the benchmarks read of other processes in Linux's /proc: names, parents, CPU time.
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100;

export interface ProcStat {
  pid: number;
  name: string;
  parent: number;
  /** User + system time of the process (all its threads). */
  cpuSeconds: number;
  /** User + system time of its children that ended and were reaped. */
  reapedChildrenCpuSeconds: number;
}

/** The process's /proc/<pid>/stat, or null if it ended (or this is not Linux). */
export function readProcStat(pid: number): ProcStat | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The name is in parentheses and may hold spaces; the fields after it are space-separated.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return {
      pid,
      name: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")),
      parent: Number(fields[1]),
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
      reapedChildrenCpuSeconds: (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND,
    };
  } catch {
    return null;
  }
}

/** Every process this one can see. */
export function allProcesses(): ProcStat[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  return entries.filter((entry) => /^\d+$/.test(entry)).flatMap((entry) => readProcStat(Number(entry)) ?? []);
}
