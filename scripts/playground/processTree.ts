// A process's descendants, and waiting for processes to end, from /proc (Linux; elsewhere there is nothing to see).

import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

/** The state letter and parent of a process, or undefined once it is gone. */
function stat(pid: number): { state: string; ppid: number } | undefined {
  try {
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read from the last ")".
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state = '', ppid = '0'] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

/**
 * Whether a process is still alive. A zombie (ended, not yet reaped) counts as gone: in a container whose first
 * process does not reap orphans, Chromium's helpers stay zombies for good.
 */
export function isAlive(pid: number): boolean {
  const s = stat(pid);
  if (s) return s.state !== 'Z' && s.state !== 'X';
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every living descendant of `pid` (children, their children, …). */
export function descendantsOf(pid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const entry of entries) {
    const s = stat(Number(entry));
    if (!s || s.state === 'Z') continue;
    children.set(s.ppid, [...(children.get(s.ppid) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const queue = [pid];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const child of children.get(next) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/**
 * Resolves once none of `pids` is alive, checking every 50 ms; after `graceMs`, kills those left (SIGKILL) and waits
 * for them too.
 */
export async function waitUntilGone(pids: readonly number[], graceMs = 10_000): Promise<void> {
  const deadline = Date.now() + graceMs;
  let killed = false;
  for (;;) {
    const alive = pids.filter(isAlive);
    if (alive.length === 0) return;
    if (!killed && Date.now() > deadline) {
      killed = true;
      for (const pid of alive) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Gone in the meantime.
        }
      }
    }
    await delay(50);
  }
}
