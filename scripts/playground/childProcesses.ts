// Child processes (the Playground, the bot, Chromium) that stop when asked, and are killed if this process exits first.

import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createServer } from 'node:net';

const running = new Set<ChildProcess>();
const OUTPUT_KEPT = 256 * 1024;
let exitHookInstalled = false;

/** Kills, synchronously, whatever is still running when this process exits (a crash, mocha's exit, Ctrl-C). */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

/** A started child: its output so far, a promise of its exit, and a stop that always ends it. */
export interface Child {
  readonly process: ChildProcess;
  readonly pid: number;
  /** What it wrote to stdout and stderr (the last 256 KB). */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  readonly exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

/** Spawns a process whose end is tracked; `name` prefixes error messages. */
export function startChild(
  name: string,
  command: string,
  args: readonly string[],
  options: SpawnOptions = {},
): Child {
  installExitHook();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  running.add(child);
  let output = '';
  // Only the recent output is kept: enough to see a start-up line or quote an error, bounded for long runs.
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? signal ?? 'unknown');
    });
    child.once('error', () => {
      running.delete(child);
      resolve('spawn error');
    });
  });
  return {
    process: child,
    pid: child.pid,
    output: () => output,
    exited,
    async stop(graceMs = 5_000) {
      if (!running.has(child)) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Resolves once `predicate` holds for the child's output, rejecting when the child exits first or `timeoutMs`
 * passes; the rejection quotes the end of the output.
 */
export function waitForOutput<T>(
  child: Child,
  name: string,
  predicate: (output: string) => T | undefined,
  timeoutMs: number,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const tail = (): string => child.output().slice(-1500);
    const check = (): boolean => {
      const found = predicate(child.output());
      if (found === undefined) return false;
      cleanup();
      resolve(found);
      return true;
    };
    const onData = (): void => {
      check();
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${name} did not start within ${timeoutMs / 1000} s:\n${tail()}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      child.process.stdout?.off('data', onData);
      child.process.stderr?.off('data', onData);
    };
    child.process.stdout?.on('data', onData);
    child.process.stderr?.on('data', onData);
    void child.exited.then((code) => {
      if (check()) return;
      cleanup();
      reject(new Error(`${name} exited (${code}) before it was ready:\n${tail()}`));
    });
    check();
  });
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
