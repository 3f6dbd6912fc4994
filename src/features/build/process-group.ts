import { readdirSync, readFileSync } from 'node:fs';

export interface GroupMember {
  pid: number;
  /** /proc state letter: R, S, D, Z (zombie), ... */
  state: string;
  command: string;
}

/** Processes whose process group is `pgid`, read from /proc (Linux, like the kernels tuxconf builds). */
export function processGroupMembers(pgid: number): GroupMember[] {
  const members: GroupMember[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return members;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    if (Number(fields[2]) !== pgid) continue;
    members.push({ pid: Number(entry), state: fields[0] ?? '?', command: stat.slice(stat.indexOf('(') + 1, close) });
  }
  return members;
}

/** True while any process of the group is alive (zombies waiting to be reaped do not count). */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  try {
    readdirSync('/proc/self');
  } catch {
    return true; // no /proc: trust kill(0)
  }
  return processGroupMembers(pgid).some((member) => member.state !== 'Z');
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is already gone
  }
}

/** SIGKILL to the whole group, for an impatient second Ctrl+C. */
export function killGroupNow(pgid: number): void {
  signalGroup(pgid, 'SIGKILL');
}

export interface TerminationReport {
  /** SIGKILL was needed because something outlived the grace period after SIGTERM. */
  killed: boolean;
  survivors: GroupMember[];
}

const POLL_MS = 20;

/**
 * Stops make and every compiler it started: SIGTERM to the whole process group, then SIGKILL
 * to whatever is still running after `graceMs`.
 */
export async function terminateGroup(pgid: number, graceMs = 3000): Promise<TerminationReport> {
  signalGroup(pgid, 'SIGTERM');
  if (await waitUntilGone(pgid, graceMs)) return { killed: false, survivors: [] };
  signalGroup(pgid, 'SIGKILL');
  await waitUntilGone(pgid, 2000);
  return { killed: true, survivors: processGroupMembers(pgid).filter((member) => member.state !== 'Z') };
}

async function waitUntilGone(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (groupAlive(pgid)) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return true;
}

/** The same, for process exit where nothing asynchronous runs any more. */
export function terminateGroupSync(pgid: number, graceMs = 1000): void {
  signalGroup(pgid, 'SIGTERM');
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) Atomics.wait(pause, 0, 0, POLL_MS);
  if (groupAlive(pgid)) signalGroup(pgid, 'SIGKILL');
}

const liveGroups = new Set<number>();
let exitHookInstalled = false;

/** Remembers a running build's group so that exiting tuxconf, however it happens, ends it too. */
export function trackGroup(pgid: number): void {
  liveGroups.add(pgid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', terminateTrackedGroups);
  }
}

export function untrackGroup(pgid: number): void {
  liveGroups.delete(pgid);
}

/** Ends every tracked build now (also what the exit hook runs). */
export function terminateTrackedGroups(): void {
  for (const pgid of liveGroups) terminateGroupSync(pgid);
  liveGroups.clear();
}
