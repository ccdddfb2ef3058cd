// Configuration: what loadConfig accepts and refuses, and what an operator sees when the real entry point starts,
// refuses to start, or is stopped.

import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError, loadConfig } from '../../bot/config.js';
import { DEMO_SEED_FILE } from '../helpers/seed.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The message loadConfig refuses this environment with (and fails the test when it accepts it). */
function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

/** "MicrosoftAppId=app-1, MicrosoftAppPassword=…" for a test's name. */
function settings(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([name, value]) => `${name}=${name.includes('Password') ? '…' : `"${value}"`}`)
    .join(', ');
}

describe('loadConfig', () => {
  it('with nothing set: port 3978, the SQLite file, local mode on 127.0.0.1', () => {
    expect(loadConfig({})).to.deep.include({
      production: false,
      port: 3978,
      host: '127.0.0.1',
      storeUrl: 'sqlite://data/ssp.sqlite',
      directory: 'seed',
      directoryFile: 'data/directory.json',
      logLevel: 'info',
      credentials: { mode: 'local' },
    });
  });

  it('blank settings (NAME= in an env file) count as unset', () => {
    const blank = [
      'PORT',
      'LOG_LEVEL',
      'DIRECTORY',
      'STORE_URL',
      'MicrosoftAppId',
      'MicrosoftAppType',
    ];
    const config = loadConfig(Object.fromEntries(blank.map((name) => [name, ''])));
    expect(config).to.deep.include({
      port: 3978,
      logLevel: 'info',
      credentials: { mode: 'local' },
    });
  });

  const partial: { given: Record<string, string>; names: string }[] = [
    { given: { MicrosoftAppPassword: 'pw-1' }, names: 'MicrosoftAppId' },
    { given: { MicrosoftAppType: 'MultiTenant' }, names: 'MicrosoftAppId' },
    { given: { MicrosoftAppTenantId: 'tenant-1' }, names: 'MicrosoftAppId' },
    { given: { MicrosoftAppId: '   ', MicrosoftAppPassword: 'pw-1' }, names: 'MicrosoftAppId' },
    { given: { MicrosoftAppId: 'app-1' }, names: 'MicrosoftAppPassword' },
    {
      given: {
        MicrosoftAppId: 'app-1',
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: 't',
      },
      names: 'MicrosoftAppPassword',
    },
    {
      given: {
        MicrosoftAppId: 'app-1',
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppPassword: 'pw-1',
      },
      names: 'MicrosoftAppTenantId',
    },
    {
      given: { MicrosoftAppId: 'app-1', MicrosoftAppType: 'UserAssignedMSI' },
      names: 'MicrosoftAppTenantId',
    },
    {
      given: {
        MicrosoftAppId: 'app-1',
        MicrosoftAppType: 'UserAssignedMSI',
        MicrosoftAppTenantId: 't',
        MicrosoftAppPassword: 'pw-1',
      },
      names: 'MicrosoftAppPassword',
    },
    { given: { MicrosoftAppId: 'app-1', MicrosoftAppType: 'Personal' }, names: 'MicrosoftAppType' },
  ];
  for (const p of partial) {
    it(`${settings(p.given)} → one line naming ${p.names}, without the secret`, () => {
      const message = refusal(p.given);
      expect(message).to.include(p.names);
      expect(message).not.to.include('\n');
      expect(message).not.to.include('pw-1');
    });
  }

  it('NODE_ENV=production without credentials is refused: no unauthenticated bot in production', () => {
    const message = refusal({ NODE_ENV: 'production' });
    expect(message).to.include('NODE_ENV=production needs MicrosoftAppId');
  });

  const invalid: { env: Record<string, string>; names: string }[] = [
    { env: { PORT: 'http' }, names: 'PORT' },
    { env: { PORT: '70000' }, names: 'PORT' },
    { env: { PORT: '-1' }, names: 'PORT' },
    { env: { PORT: '39.5' }, names: 'PORT' },
    { env: { STORE_URL: 'mysql://db/ssp' }, names: 'STORE_URL' },
    { env: { CLOCK_START: 'next tuesday' }, names: 'CLOCK_START' },
    { env: { LOG_LEVEL: 'verbose' }, names: 'LOG_LEVEL' },
    { env: { NOTIFY_INTERVAL_SECONDS: '0' }, names: 'NOTIFY_INTERVAL_SECONDS' },
  ];
  for (const i of invalid) {
    it(`${settings(i.env)} → one line naming ${i.names}`, () => {
      const message = refusal(i.env);
      expect(message).to.match(new RegExp(`^Setting ${i.names} is not valid: `));
      expect(message).not.to.include('\n');
    });
  }

  const listening: { env: Record<string, string>; host: string; mode: string }[] = [
    { env: { HOST: '0.0.0.0' }, host: '127.0.0.1', mode: 'local' },
    {
      env: { MicrosoftAppId: 'app-1', MicrosoftAppPassword: 's' },
      host: '0.0.0.0',
      mode: 'authenticated',
    },
    {
      env: { MicrosoftAppId: 'app-1', MicrosoftAppPassword: 's', HOST: '127.0.0.1' },
      host: '127.0.0.1',
      mode: 'authenticated',
    },
    {
      env: {
        MicrosoftAppId: 'app-1',
        MicrosoftAppType: 'UserAssignedMSI',
        MicrosoftAppTenantId: 't',
      },
      host: '0.0.0.0',
      mode: 'authenticated',
    },
  ];
  for (const l of listening) {
    it(`${settings(l.env)} → ${l.mode}, listening on ${l.host}`, () => {
      const config = loadConfig(l.env);
      expect(config.host).to.equal(l.host);
      expect(config.credentials.mode).to.equal(l.mode);
    });
  }

  it('production with credentials starts, with the clock where CLOCK_START says', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      MicrosoftAppId: 'app-1',
      MicrosoftAppPassword: 's',
      CLOCK_START: '2026-03-01T09:00:00Z',
    });
    expect(config.production).to.equal(true);
    expect(config.clockStart?.toISOString()).to.equal('2026-03-01T09:00:00.000Z');
  });
});

/** The real entry point (bot/index.ts) as its own process, with only the settings given. */
class BotProcess {
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;
  private waiters: (() => void)[] = [];

  constructor(env: Record<string, string>, nodeOptions: string[] = []) {
    this.child = spawn(process.execPath, [...nodeOptions, '--import', 'tsx', 'bot/index.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (into: string[]) => {
      let rest = '';
      return (chunk: Buffer) => {
        const lines = (rest + chunk.toString('utf8')).split('\n');
        rest = lines.pop() ?? '';
        into.push(...lines);
        const waiting = this.waiters;
        this.waiters = [];
        waiting.forEach((wake) => wake());
      };
    };
    this.child.stdout!.on('data', collect(this.stdout));
    this.child.stderr!.on('data', collect(this.stderr));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  /** The JSON log lines so far. */
  logs(): Record<string, unknown>[] {
    return this.stdout
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  /** Resolves with the first log line of this event (fails the test if the process exits first). */
  async logged(event: string): Promise<Record<string, unknown>> {
    for (;;) {
      const found = this.logs().find((line) => line.event === event);
      if (found) return found;
      const exited = await Promise.race([
        new Promise<false>((resolve) => this.waiters.push(() => resolve(false))),
        this.exited.then(() => true),
      ]);
      if (exited && !this.logs().some((line) => line.event === event)) {
        throw new Error(`exited before logging ${event}: ${this.stderr.join('\n')}`);
      }
    }
  }

  signal(name: NodeJS.Signals): void {
    this.child.kill(name);
  }
}

/** A TCP port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the entry point (node bot/index.ts)', () => {
  let dir: string;
  let store: string;
  const running: BotProcess[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ssp-entry-'));
    store = `sqlite://${join(dir, 'bot.sqlite')}`;
  });
  afterEach(async () => {
    for (const bot of running.splice(0)) {
      bot.signal('SIGKILL');
      await bot.exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });
  function start(env: Record<string, string>, nodeOptions: string[] = []): BotProcess {
    const bot = new BotProcess({ STORE_URL: store, ...env }, nodeOptions);
    running.push(bot);
    return bot;
  }

  /** Runs a start that must fail; returns its stderr line after checking the exit code and that it is one line. */
  async function refusedStart(env: Record<string, string>): Promise<string> {
    const bot = start(env);
    expect(await bot.exited).to.equal(1);
    const lines = bot.stderr.filter((line) => line.trim() !== '');
    expect(lines, lines.join('\n')).to.have.length(1);
    expect(lines[0]).to.match(/^Cannot start: /);
    expect(lines[0]).not.to.match(/\bat .+:\d+:\d+/);
    return lines[0] ?? '';
  }

  it('MicrosoftAppId alone: exits 1 with one line naming MicrosoftAppPassword', async () => {
    expect(await refusedStart({ MicrosoftAppId: 'x' })).to.include(
      'MicrosoftAppPassword is missing',
    );
  });

  it('NODE_ENV=production without credentials: exits 1 with one line', async () => {
    expect(await refusedStart({ NODE_ENV: 'production' })).to.include('NODE_ENV=production needs');
  });

  it('a directory file with a bad country code: exits 1 with one line naming the file and the field', async () => {
    const seed = JSON.parse(readFileSync(DEMO_SEED_FILE, 'utf8')) as {
      tenants: { country: string }[];
    };
    seed.tenants[1]!.country = 'India';
    const file = join(dir, 'directory.json');
    writeFileSync(file, JSON.stringify(seed));
    const line = await refusedStart({ DIRECTORY_FILE: file });
    expect(line).to.include(file);
    expect(line).to.include('DIRECTORY_FILE');
    expect(line).to.include('tenants[1].country');
  });

  it('a directory file that does not exist: exits 1 with one line naming DIRECTORY_FILE and the file', async () => {
    const file = join(dir, 'missing.json');
    const line = await refusedStart({ DIRECTORY_FILE: file });
    expect(line).to.include(file);
    expect(line).to.include('DIRECTORY_FILE');
  });

  it('a Redis that cannot be reached: exits 1 with one line naming STORE_URL, not talking of a change', async () => {
    const port = await freePort();
    const line = await refusedStart({ STORE_URL: `redis://ops:s3cret@127.0.0.1:${port}` });
    expect(line).to.include('STORE_URL');
    expect(line).to.include(`Redis at redis://127.0.0.1:${port}`);
    expect(line).not.to.include('s3cret');
    expect(line).not.to.match(/\bchange\b|twice/);
  });

  it('a port already in use: exits 1 with one line naming PORT', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      expect(await refusedStart({ PORT: String(port) })).to.include(
        `PORT ${port} on 127.0.0.1 is already in use`,
      );
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('local mode: warns, serves /healthz on 127.0.0.1, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const bot = start({ PORT: String(port) });
    expect(await bot.logged('bot.localMode')).to.include({ level: 'warn' });
    const started = await bot.logged('bot.started');
    expect(started).to.include({
      url: `http://127.0.0.1:${port}/api/messages`,
      mode: 'local',
      store: 'sqlite',
    });

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).to.equal(200);
    expect(await health.json()).to.include({ status: 'ok' });

    bot.signal('SIGTERM');
    expect(await bot.exited).to.equal(0);
    expect(bot.logs().map((line) => line.event)).to.include.members([
      'bot.stopping',
      'bot.stopped',
    ]);
    expect(bot.stderr.join('')).to.equal('');
  });

  it('a rejected promise nobody awaits is logged, and the bot keeps serving', async () => {
    // The preload makes such a rejection on demand, the way a bug in a flow would.
    const preload = join(dir, 'dangle.mjs');
    writeFileSync(
      preload,
      "process.on('SIGUSR2', () => { void Promise.reject(new Error('nobody awaited this')); });\n",
    );
    const port = await freePort();
    const bot = start({ PORT: String(port) }, ['--import', pathToFileURL(preload).href]);
    await bot.logged('bot.started');

    bot.signal('SIGUSR2');
    expect(await bot.logged('process.unhandledRejection')).to.deep.include({
      level: 'error',
      error: { name: 'Error', message: 'nobody awaited this' },
    });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).to.equal(200);
  });
});
