// The offline guard (offlineGuard.js, also preloaded into child processes) for use inside this process.

import { existsSync, readFileSync } from 'node:fs';
import { install, isLoopback } from './offlineGuard.js';

export { isLoopback };

/**
 * Refuses every connection and name lookup of this process that would leave the machine, until the returned function
 * is called; `onRefused` hears of each one ("tcp 169.254.169.254:80", "dns dc.services.visualstudio.com").
 */
export function guardThisProcess(onRefused: (what: string) => void): () => void {
  return install(onRefused);
}

/** The refusals a guarded child process appended to its log file (none when the file was never written). */
export function refusalsIn(logFile: string): string[] {
  if (!existsSync(logFile)) return [];
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}
