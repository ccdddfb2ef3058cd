// The whole product in a browser: the real bot on loopback, one Agents Playground per person, and headless Chromium.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compose, type App } from '../../bot/compositionRoot.js';
import { loadConfig } from '../../bot/config.js';
import { JsonLogger } from '../../bot/logger.js';
import { ChatPage } from './chatPage.js';
import { startChromium, type Browsing, type OffMachineRequest } from './chromium.js';
import { startLocaleRelay, type LocaleRelay } from './localeRelay.js';
import { guardThisProcess, refusalsIn } from './networkGuard.js';
import { findPerson, playgroundConfigFile, readSeed, type SeedPerson } from './playgroundConfig.js';
import { startPlayground, type Playground } from './playgroundServer.js';

export interface RigOptions {
  /** The Chromium executable (see findChromium). */
  readonly chromium: string;
  /** The demo directory seed file. */
  readonly directoryFile?: string;
  /** The bot's clock starts here, so dates on cards do not depend on the day the suite runs. */
  readonly clockStart?: string;
  /** How long a Playwright action or wait may take; the machine may be slow and shared. */
  readonly timeoutMs?: number;
}

/** Someone signed in to their own Playground, with their page open. */
export interface Participant {
  readonly person: SeedPerson;
  readonly playground: Playground;
  readonly chat: ChatPage;
}

/**
 * Starts the bot in this process (as test/helpers/botHarness does, on a fresh SQLite file, with the notifier running
 * every second) and Chromium; `join` then gives each person their own Playground, since one Playground server is one
 * current user. Everything shares the one bot and store, as colleagues in one tenant share the real bot. While the rig
 * runs, this process refuses off-machine connections, and the Playgrounds are started with the same guard preloaded.
 */
export class PlaygroundRig {
  private readonly participants: Participant[] = [];
  private readonly relays: LocaleRelay[] = [];
  private stopped = false;

  private constructor(
    private readonly app: App,
    /** Off-machine connections refused in this process (the bot's) while the rig ran. */
    readonly refusedHere: readonly string[],
    /** The bot's log lines. */
    readonly botLogs: readonly string[],
    readonly botEndpoint: string,
    private readonly browsing: Browsing,
    private readonly workDir: string,
    private readonly unguard: () => void,
    private readonly options: RigOptions,
  ) {}

  static async start(options: RigOptions): Promise<PlaygroundRig> {
    const workDir = mkdtempSync(join(tmpdir(), 'ssp-playground-rig-'));
    const refused: string[] = [];
    const unguard = guardThisProcess((what) => refused.push(what));
    const logs: string[] = [];
    let app: App | undefined;
    let browsing: Browsing | undefined;
    try {
      const config = loadConfig({
        PORT: '0',
        STORE_URL: `sqlite://${join(workDir, 'bot.sqlite')}`,
        DIRECTORY_FILE: options.directoryFile ?? 'data/directory.json',
        CLOCK_START: options.clockStart ?? '2026-03-02T09:00:00Z',
        LOG_LEVEL: 'info',
        LIFECYCLE_INTERVAL_SECONDS: '3600',
        NOTIFY_INTERVAL_SECONDS: '1',
      });
      app = await compose(config, new JsonLogger('info', (line) => logs.push(line)));
      const url = await app.start();
      browsing = await startChromium(options.chromium);
      browsing.context.setDefaultTimeout(options.timeoutMs ?? 60_000);
      return new PlaygroundRig(
        app,
        refused,
        logs,
        `${url}/api/messages`,
        browsing,
        workDir,
        unguard,
        options,
      );
    } catch (error) {
      await browsing?.stop();
      await app?.stop();
      unguard();
      rmSync(workDir, { recursive: true, force: true });
      throw error;
    }
  }

  /**
   * Starts a Playground for `who` (a first name or UPN of the seed) and opens it in a new page; waits for the
   * welcome card. `locale` makes every activity carry that language, as a Teams client set to it would (see
   * localeRelay.ts for why the Playground needs help with that).
   */
  async join(
    who: string,
    options: { locale?: string; welcome?: string | RegExp } = {},
  ): Promise<Participant> {
    const seed = readSeed(this.options.directoryFile ?? 'data/directory.json');
    const person = findPerson(seed, who);
    if (!person) throw new Error(`Nobody called ${who} in the directory seed.`);
    let endpoint = this.botEndpoint;
    if (options.locale) {
      const relay = await startLocaleRelay(this.botEndpoint, options.locale);
      this.relays.push(relay);
      endpoint = relay.endpoint;
    }
    const playground = await startPlayground({
      botEndpoint: endpoint,
      config: playgroundConfigFile(person),
      workDir: join(this.workDir, `playground-${this.participants.length + 1}-${who}`),
    });
    const page = await this.browsing.context.newPage();
    const chat = new ChatPage(page, person.user.displayName);
    const participant = { person, playground, chat };
    this.participants.push(participant);
    await chat.open(playground.url, options.welcome ?? person.user.displayName);
    return participant;
  }

  /** Everyone who joined so far, in order. */
  joined(): readonly Participant[] {
    return this.participants;
  }

  /** Every off-machine attempt so far: refused in the bot's process, refused in a Playground, aborted in the page. */
  offMachineAttempts(): { bot: string[]; playgrounds: string[]; pages: OffMachineRequest[] } {
    return {
      bot: [...this.refusedHere],
      playgrounds: this.participants.flatMap((p) => refusalsIn(p.playground.guardLog)),
      pages: [...this.browsing.offMachine],
    };
  }

  /** Process ids of everything the rig started, Chromium's helpers included (to prove none is left). */
  childPids(): number[] {
    return [...this.browsing.processes(), ...this.participants.map((p) => p.playground.child.pid)];
  }

  /**
   * Stops (once) the pages, Chromium, the Playgrounds, the relays and the bot, and removes the temporary files. Every
   * step runs even when an earlier one failed, so that nothing is left running; the first failure is thrown after.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const failures: unknown[] = [];
    const attempt = async (step: () => Promise<unknown>): Promise<void> => {
      try {
        await step();
      } catch (error) {
        failures.push(error);
      }
    };
    await attempt(() => this.browsing.stop());
    await attempt(() => Promise.all(this.participants.map((p) => p.playground.stop())));
    await attempt(() => Promise.all(this.relays.map((r) => r.stop())));
    await attempt(() => this.app.stop());
    this.unguard();
    rmSync(this.workDir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
    if (failures.length > 0) throw failures[0];
  }
}
