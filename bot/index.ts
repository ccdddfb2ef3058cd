// Entry point: configuration, then the composition root, then the server; stops cleanly on SIGTERM.

import { ConfigError, loadConfig } from './config.js';
import { compose } from './compositionRoot.js';
import { JsonLogger } from './logger.js';
import { DirectorySeedError } from '../services/directory/seedDirectory.js';
import { StoreUnavailableError } from '../services/store/atomicStore.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = new JsonLogger(config.logLevel);
  const app = await compose(config, logger);
  const url = await app.start();
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

main().catch((error: unknown) => {
  // Start-up problems are one clear line, never a stack trace.
  const known =
    error instanceof ConfigError ||
    error instanceof DirectorySeedError ||
    error instanceof StoreUnavailableError;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Cannot start: ${known ? message : `unexpected error: ${message}`}\n`);
  process.exit(1);
});
