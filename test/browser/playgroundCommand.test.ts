// `npm run playground` as a newcomer runs it: the script itself (no browser needed), its bot and its Playground.

import { expect } from 'chai';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import { freePort } from '../../scripts/playground/childProcesses.js';

const SCRIPT = ['--import', 'tsx', 'scripts/playground.ts'];
const PLAYGROUND_LOG = join('devTools', 'm365agentsplayground-carol.log');
const GUARD_LOG = join('devTools', 'offline-guard.log');
const CAROL = { id: '00000001-0000-4000-a000-28b92b56ee64', name: 'Carol Clark' };

/** The size of a file, 0 when there is none: the guard appends to its log, so a run reads from here on. */
const sizeOf = (file: string): number => (existsSync(file) ? statSync(file).size : 0);
const readFrom = (file: string, offset: number): string =>
  existsSync(file) ? readFileSync(file).subarray(offset).toString('utf8') : '';

/** Whether something accepts connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function eventually(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(100);
  }
}

describe('npm run playground', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ssp-playground-command-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('--as carol: starts the bot and her Playground on loopback, a message goes round, Ctrl+C stops both', async () => {
    const port = await freePort();
    // The Playground starts its log afresh on each run.
    rmSync(PLAYGROUND_LOG, { force: true });
    const guardStart = sizeOf(GUARD_LOG);
    const child = spawn(process.execPath, [...SCRIPT, '--as', 'carol', '--port', String(port)], {
      env: { ...process.env, PORT: '0', STORE_URL: `sqlite://${join(dir, 'bot.sqlite')}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await eventually('the URL to open', () => output.includes('Press Ctrl+C to stop.'), 90_000);
      expect(output).to.include(
        `Open http://127.0.0.1:${port}  as Carol Clark (carol@contoso.com), Global admin in Contoso`,
      );
      const botPort = Number(/Bot: http:\/\/127\.0\.0\.1:(\d+)\/api\/messages/.exec(output)?.[1]);
      expect(await listening(botPort), 'the bot listens').to.equal(true);

      // The generated config makes the Playground speak as Carol, with her tenant and object ids.
      const config = (await (
        await fetch(`http://127.0.0.1:${port}/_internal/v1/config`)
      ).json()) as {
        config: { tenantId: string; currentUser: { aadObjectId: string; name: string } };
      };
      expect(config.config.currentUser).to.include({ aadObjectId: CAROL.id, name: CAROL.name });
      expect(config.config.tenantId).to.equal('00000001-0000-4000-8000-000000000000');
      expect(readFileSync('.m365agentsplayground.yml', 'utf8')).to.include(CAROL.id);

      // Carol types "help" (what the page does when she presses Send); the bot's answer reaches the Playground.
      const sent = await fetch(
        `http://127.0.0.1:${port}/_conversation/v1/conversations/a:personal-${CAROL.id}/messages`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            type: 'text',
            text: 'help',
            textFormat: 'plain',
            from: { id: `29:${CAROL.id}` },
          }),
        },
      );
      expect(sent.status).to.equal(200);
      await eventually('the bot’s answer in the Playground', () =>
        readFrom(PLAYGROUND_LOG, 0).includes('What I can do'),
      );
      expect(readFrom(GUARD_LOG, guardStart), 'refused off-machine connections').to.equal('');

      child.kill('SIGINT');
      expect(await exited).to.equal(0);
      expect(await listening(port), 'the Playground still listens').to.equal(false);
      expect(await listening(botPort), 'the bot still listens').to.equal(false);
    } finally {
      // When an assertion failed it is still running: Ctrl+C lets it stop the bot and the Playground it started
      // (SIGKILL would leave them behind); SIGKILL only if it does not end.
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT');
        const ended = await Promise.race([
          exited.then(() => true),
          delay(15_000).then(() => false),
        ]);
        if (!ended) child.kill('SIGKILL');
      }
    }
  });

  it('--port that is taken: exits 1 saying so, instead of quietly moving to another port', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const failure = await promisify(execFile)(
        process.execPath,
        [...SCRIPT, '--as', 'carol', '--port', String(port)],
        { env: { ...process.env, PORT: '0', STORE_URL: `sqlite://${join(dir, 'bot.sqlite')}` } },
      ).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).to.equal(1);
      expect(failure?.stderr).to.include(`Port ${port} is already in use`);
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });

  it('--as somebody not in the seed: exits 1 naming who can be chosen, and starts nothing', async () => {
    const failure = await promisify(execFile)(process.execPath, [...SCRIPT, '--as', 'zelda'], {
      env: { ...process.env, PORT: '0' },
    }).then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure?.code).to.equal(1);
    expect(failure?.stderr).to.include('Nobody called "zelda" in the directory seed. Try one of: ');
    expect(failure?.stderr).to.include('carol');
    expect(failure?.stderr).not.to.include('#EXT#');
    expect(failure?.stderr).to.include('Usage: npm run playground');
    expect(failure?.stdout).to.equal('');
  });
});
