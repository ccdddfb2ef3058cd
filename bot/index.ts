// Entry point: configuration, then the composition root, then the server; stops cleanly on SIGTERM.

import { ConfigError, loadConfig } from './config.js';
import { compose } from './compositionRoot.js';
import { JsonLogger } from './logger.js';
import { DirectorySeedError } from '../services/directory/seedDirectory.js';
import { StoreUnavailableError } from '../services/store/atomicStore.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = new JsonLogger(config.logLevel);
  // A rejected promise nobody awaits (a bug, found when a failing eligibility check crashed the whole bot) must not
  // take every other conversation down with it: its turn has already failed and been reported, so log and go on.
  process.on('unhandledRejection', (reason) => {
    logger.error('process.unhandledRejection', { error: reason });
  });
  const app = await compose(config, logger);
  let url: string;
  try {
    url = await app.start();
  } catch (error) {
    throw listenProblem(error, config.host, config.port);
  }
  if (config.credentials.mode === 'local') {
    logger.warn('bot.localMode', {
      message:
        'LOCAL MODE: no MicrosoftAppId is set, so requests are NOT authenticated. Listening on 127.0.0.1 only. Set MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType and MicrosoftAppTenantId to run for Teams.',
    });
  }
  logger.info('bot.started', {
    url: `${url}/api/messages`,
    store: app.domain.store.backend,
    mode: config.credentials.mode,
  });

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info('bot.stopping', { signal });
    app
      .stop()
      .then(() => {
        logger.info('bot.stopped', {});
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error('bot.stopFailed', { error });
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** A port or address the server cannot listen on, said in terms of the settings that choose them. */
class ListenError extends Error {
  override readonly name = 'ListenError';
}

function listenProblem(error: unknown, host: string, port: number): unknown {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'EADDRINUSE')
    return new ListenError(
      `PORT ${port} on ${host} is already in use: stop the other process or set PORT to a free port.`,
    );
  if (code === 'EACCES')
    return new ListenError(
      `PORT ${port} on ${host} needs privileges this process lacks: set PORT to 1024 or above.`,
    );
  if (code === 'EADDRNOTAVAIL')
    return new ListenError(`HOST ${host} is not an address of this machine: set HOST to one.`);
  return error;
}

/** Folds a multi-line message (a seed file lists every problem on its own line) into the one line we print. */
function oneLine(message: string): string {
  const [first = '', ...rest] = message
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return rest.length === 0 ? first : `${first} ${rest.join('; ')}`;
}

main().catch((error: unknown) => {
  // Start-up problems are one clear line, never a stack trace.
  const known =
    error instanceof ConfigError ||
    error instanceof DirectorySeedError ||
    error instanceof StoreUnavailableError ||
    error instanceof ListenError;
  let message = oneLine(error instanceof Error ? error.message : String(error));
  // The seed error names the file; say which setting chose it, so the fix is clear either way.
  if (error instanceof DirectorySeedError)
    message = `${message} Fix the file that DIRECTORY_FILE names, or set DIRECTORY_FILE to another one.`;
  process.stderr.write(`Cannot start: ${known ? message : `unexpected error: ${message}`}\n`);
  process.exit(1);
});
