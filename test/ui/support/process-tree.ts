import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessEntry {
  pid: number;
  /** Start time in clock ticks since boot: with the pid, names the process even after pid reuse. */
  start: string;
  command: string;
}

interface StatFields {
  ppid: number;
  state: string;
  start: string;
}

function statOf(pid: number): StatFields | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses; starttime is field 22.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), state: fields[0] ?? '?', start: fields[19] ?? '' };
  } catch {
    return null;
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

/** Every live process below `root` in the process tree (children, their children, ...), from /proc. */
export function descendants(root: number): ProcessEntry[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = statOf(Number(entry));
    if (!stat || stat.state === 'Z') continue;
    const siblings = children.get(stat.ppid) ?? [];
    siblings.push(Number(entry));
    children.set(stat.ppid, siblings);
  }
  const found: ProcessEntry[] = [];
  const queue = [...(children.get(root) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    const stat = statOf(pid);
    if (stat) found.push({ pid, start: stat.start, command: commandOf(pid) });
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** The recorded processes that still run (zombies waiting to be reaped have ended). */
export function stillRunning(processes: readonly ProcessEntry[]): ProcessEntry[] {
  return processes.filter((entry) => {
    const stat = statOf(entry.pid);
    return stat !== null && stat.state !== 'Z' && stat.start === entry.start;
  });
}

/** The process itself as an entry (to check that it ended too). */
export function processEntry(pid: number): ProcessEntry | null {
  const stat = statOf(pid);
  return stat ? { pid, start: stat.start, command: commandOf(pid) } : null;
}
