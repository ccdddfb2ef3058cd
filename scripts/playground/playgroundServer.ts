// Starts the Microsoft 365 Agents Playground offline: loopback only, no telemetry, no desktop browser, guarded.

import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort, startChild, waitForOutput, type Child } from './childProcesses.js';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

/** The preloads, as URLs for `node --import` (plain JavaScript, so a process needs no TypeScript loader for them). */
export const PRELOADS = {
  listenOnLoopback: pathToFileURL(join(here, 'listenOnLoopback.js')).href,
  offlineGuard: pathToFileURL(join(here, 'offlineGuard.js')).href,
};

/** The installed Playground's CLI (its `agentsplayground` bin). */
export function playgroundCli(): string {
  return join(dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
}

/**
 * The environment that keeps the Playground on this machine: its own telemetry off (`--disable-telemetry` does not
 * stop the Application Insights "statsbeat", which calls Azure's metadata address and ingestion host), no desktop
 * browser, and the offline guard preloaded to refuse, and log to `guardLog`, anything that slips through.
 */
export function offlineEnvironment(guardLog: string): NodeJS.ProcessEnv {
  return {
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
    TEAMSAPPTESTER_BROWSER: 'none',
    OFFLINE_GUARD_PRELOAD: '1',
    OFFLINE_GUARD_LOG: guardLog,
  };
}

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  readonly botEndpoint: string;
  /** The config file's text (.m365agentsplayground.yml). */
  readonly config: string;
  /** Where the Playground runs; its devTools folder, and by default the files below, go there. */
  readonly workDir: string;
  /** Where the config is written (default `<workDir>/.m365agentsplayground.yml`). */
  readonly configFile?: string;
  /** The Playground's own log (default `<workDir>/m365agentsplayground.log`). */
  readonly logFile?: string;
  /** The port to ask for; a free one when absent. */
  readonly port?: number;
  /** Fail when `port` is taken, rather than move to a free one (a person was told to open that port). */
  readonly exactPort?: boolean;
  /** Where refused off-machine connections are appended (default `<workDir>/offline-guard.log`). */
  readonly guardLog?: string;
  readonly startTimeoutMs?: number;
}

/** A running Playground. */
export interface Playground {
  /** The page to open, e.g. http://127.0.0.1:56150 (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly child: Child;
  /** The file refused off-machine connections are appended to. */
  readonly guardLog: string;
  /** The Playground's own log file. */
  readonly logFile: string;
  /** The config file it read. */
  readonly configFile: string;
  stop(): Promise<void>;
}

/**
 * Starts one Playground (one server is one current user) wired to the bot. The Playground silently takes another
 * port when the one asked for is busy, which would leave `--service-url` pointing nowhere: then it is stopped and
 * started again on another free port, or, with `exactPort`, refused with a sentence saying so.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const configFile = options.configFile ?? join(options.workDir, '.m365agentsplayground.yml');
  const guardLog = options.guardLog ?? join(options.workDir, 'offline-guard.log');
  const logFile = options.logFile ?? join(options.workDir, 'm365agentsplayground.log');
  for (const file of [configFile, guardLog, logFile]) mkdirSync(dirname(file), { recursive: true });
  mkdirSync(options.workDir, { recursive: true });
  writeFileSync(configFile, options.config);
  for (let attempt = 1; ; attempt += 1) {
    const port = attempt === 1 && options.port !== undefined ? options.port : await freePort();
    const serviceUrl = `http://127.0.0.1:${port}/_connector`;
    const child = startChild(
      'Agents Playground',
      process.execPath,
      [
        '--import',
        PRELOADS.listenOnLoopback,
        '--import',
        PRELOADS.offlineGuard,
        playgroundCli(),
        '--port',
        String(port),
        '--app-endpoint',
        options.botEndpoint,
        '--service-url',
        serviceUrl,
        '--channel-id',
        'msteams',
        '--disable-telemetry',
      ],
      {
        cwd: options.workDir,
        env: {
          ...process.env,
          ...offlineEnvironment(guardLog),
          M365_AGENTS_PLAYGROUND_CONFIG_PATH: configFile,
          M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
        },
      },
    );
    const listening = await waitForOutput(
      child,
      'The Agents Playground',
      (out) => {
        const match = /Listening on (\d+)/.exec(out);
        return match ? Number(match[1]) : undefined;
      },
      options.startTimeoutMs ?? 60_000,
    ).catch(async (error: unknown) => {
      await child.stop();
      throw error;
    });
    if (listening !== port) {
      await child.stop();
      if (options.exactPort && attempt === 1 && options.port !== undefined) {
        throw new Error(
          `Port ${port} is already in use (is another "npm run playground" running?). Stop it, or choose another port with --port.`,
        );
      }
      if (attempt < 3) continue;
      throw new Error(`The Agents Playground could not get port ${port} (it took ${listening}).`);
    }
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      child,
      guardLog,
      logFile,
      configFile,
      stop: () => child.stop(),
    };
  }
}
