/** Memory of running processes from /proc (Linux): proportional set size, so shared pages are counted once. */
import { readdirSync, readFileSync } from "node:fs";

function pss(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    return Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
  } catch {
    return 0; // gone meanwhile
  }
}

function children(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent pid is the 4th field, after the command in parentheses (which may contain spaces).
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** Bytes of `pid` and every process below it (PostgreSQL's backends, for instance). */
export function treeMemory(pid: number): number {
  let total = pss(pid);
  for (const child of children(pid)) total += treeMemory(child);
  return total;
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}
