// `npm run playground`: the bot in local mode and the Microsoft 365 Agents Playground wired to it, offline.
//
//   npm run playground                        you are Alice (a user) of Contoso
//   npm run playground -- --as carol          Carol, a Global admin (bob: a buyer, erin: Global reader, judy: a guest)
//   npm run playground -- --as bob,carol      one Playground each, on consecutive ports, sharing the bot
//   npm run playground -- --as sven --locale sv-SE
//
// Open the printed URL in a browser. The config file (.m365agentsplayground.yml) is generated from the directory
// seed. Nothing leaves the machine: the Playground listens on 127.0.0.1 with its telemetry off, and the bot and the
// Playground run with a guard that refuses (and logs to devTools/offline-guard.log) any off-machine connection.

import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startChild, waitForOutput, type Child } from './playground/childProcesses.js';
import { startLocaleRelay, type LocaleRelay } from './playground/localeRelay.js';
import {
  describePerson,
  findPerson,
  playgroundConfigFile,
  readSeed,
  type SeedPerson,
} from './playground/playgroundConfig.js';
import {
  offlineEnvironment,
  PRELOADS,
  startPlayground,
  type Playground,
} from './playground/playgroundServer.js';

const USAGE = `Usage: npm run playground -- [--as <name>[,<name>…]] [--locale <tag>] [--port <n>]

  --as       who you are, by first name or UPN from the directory seed (default alice):
             alice (a user), bob (a buyer), carol (Global admin), erin (Global reader), judy (a guest),
             joao (a user in Brazil), sven (a user in Sweden) …; several names start one Playground each
  --locale   the language every activity carries, as a Teams client set to it would (e.g. sv-SE)
  --port     the first Playground's port (default 56150; the next people get the next ports)

Environment: PORT (the bot's port, default 3978), STORE_URL (default sqlite://data/playground.sqlite),
DIRECTORY_FILE, NOTIFY_INTERVAL_SECONDS (default 5).`;

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const DEV_TOOLS = join(ROOT, 'devTools');
/** App credentials would switch the bot out of local mode, and the Playground cannot get tokens offline. */
const CREDENTIAL_SETTINGS = [
  'MicrosoftAppId',
  'MicrosoftAppPassword',
  'MicrosoftAppType',
  'MicrosoftAppTenantId',
];

const out = (line: string): boolean => process.stdout.write(`${line}\n`);

interface Arguments {
  readonly people: SeedPerson[];
  readonly locale?: string;
  readonly port: number;
}

const OPTIONS = {
  as: { type: 'string', default: 'alice' },
  locale: { type: 'string' },
  port: { type: 'string', default: '56150' },
  help: { type: 'boolean', short: 'h' },
} as const;

function readArguments(): Arguments {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];
  try {
    ({ values } = parseArgs({ options: OPTIONS }));
  } catch (error) {
    // An unknown option or a missing value: say which, then how to call it.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    out(USAGE);
    process.exit(0);
  }
  const seed = readSeed(join(ROOT, process.env.DIRECTORY_FILE ?? 'data/directory.json'));
  const people = values.as.split(',').map((name) => {
    const person = findPerson(seed, name);
    if (!person) {
      // First names, as --as takes them (a guest's invitation UPN is no name to type).
      const everyone = new Set(
        seed.tenants.flatMap((t) =>
          t.users
            .filter((u) => !u.deleted)
            .map((u) => (u.displayName.split(' ')[0] ?? u.upn).toLowerCase()),
        ),
      );
      throw new UsageError(
        `Nobody called "${name}" in the directory seed. Try one of: ${[...everyone].join(', ')}.`,
      );
    }
    return person;
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1024 || port > 65535)
    throw new UsageError(`--port must be a number from 1024 to 65535, not "${values.port}".`);
  if (values.locale !== undefined && !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(values.locale))
    throw new UsageError(`--locale must be a language tag such as sv-SE, not "${values.locale}".`);
  return { people, locale: values.locale, port };
}

class UsageError extends Error {}

/** Starts bot/index.ts (as `npm start` would, from source) in local mode, guarded; resolves with its endpoint. */
async function startBot(): Promise<{ child: Child; endpoint: string; log: string }> {
  mkdirSync(DEV_TOOLS, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...offlineEnvironment(join(DEV_TOOLS, 'offline-guard.log')),
    STORE_URL: process.env.STORE_URL ?? 'sqlite://data/playground.sqlite',
    NOTIFY_INTERVAL_SECONDS: process.env.NOTIFY_INTERVAL_SECONDS ?? '5',
  };
  for (const name of CREDENTIAL_SETTINGS) delete env[name];
  const log = join(DEV_TOOLS, 'bot.log');
  const child = startChild(
    'The bot',
    process.execPath,
    ['--import', PRELOADS.offlineGuard, '--import', 'tsx', 'bot/index.ts'],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const file = createWriteStream(log, { flags: 'a' });
  child.process.stdout?.pipe(file, { end: false });
  child.process.stderr?.pipe(file, { end: false });
  // A bot that cannot start exits at once with one line ("Cannot start: PORT 3978 … is already in use"), which the
  // error quotes.
  const endpoint = await waitForOutput(
    child,
    'The bot',
    (output) => /"event":"bot\.started","url":"([^"]+)"/.exec(output)?.[1],
    120_000,
  );
  return { child, endpoint, log };
}

async function main(): Promise<void> {
  const args = readArguments();
  out('Starting the bot (local mode) …');
  const bot = await startBot();
  const relays: LocaleRelay[] = [];
  const playgrounds: Playground[] = [];
  let stopping = false;
  const stop = async (code: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      await Promise.all(playgrounds.map((p) => p.stop()));
      await Promise.all(relays.map((r) => r.stop()));
      await bot.child.stop();
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  void bot.child.exited.then((code) => {
    if (stopping) return;
    process.stderr.write(`The bot stopped (${code}); see ${bot.log}.\n`);
    void stop(1);
  });

  try {
    let endpoint = bot.endpoint;
    if (args.locale) {
      const relay = await startLocaleRelay(bot.endpoint, args.locale);
      relays.push(relay);
      endpoint = relay.endpoint;
    }
    for (const [i, person] of args.people.entries()) {
      const name = person.user.upn.split('@')[0] ?? `person-${i}`;
      out(`Starting the Agents Playground for ${person.user.displayName} …`);
      playgrounds.push(
        await startPlayground({
          botEndpoint: endpoint,
          config: playgroundConfigFile(person),
          workDir: ROOT,
          configFile:
            i === 0
              ? join(ROOT, '.m365agentsplayground.yml')
              : join(DEV_TOOLS, `${name}.m365agentsplayground.yml`),
          logFile: join(DEV_TOOLS, `m365agentsplayground-${name}.log`),
          guardLog: join(DEV_TOOLS, 'offline-guard.log'),
          port: args.port + i,
          exactPort: true,
        }),
      );
    }
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return stop(1);
  }

  out('');
  for (const [i, playground] of playgrounds.entries()) {
    const person = args.people[i]!;
    out(`  Open ${playground.url}  as ${describePerson(person)}`);
  }
  out('');
  out(
    `  Bot: ${bot.endpoint} (log: ${bot.log})${args.locale ? `, activities in ${args.locale}` : ''}`,
  );
  out(`  Config: ${playgrounds.map((p) => p.configFile).join(', ')}`);
  out('  Everything listens on 127.0.0.1 only. Press Ctrl+C to stop.');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof UsageError) process.stderr.write(`\n${USAGE}\n`);
  process.exit(1);
});
