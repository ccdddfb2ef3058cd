// The HTTP server (restify 12): POST /api/messages through the CloudAdapter, GET /healthz, and nothing else.

import restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { AtomicStore } from '../services/store/atomicStore.js';
import type { Logger } from './logger.js';
import { BodyError, readJsonBody } from './httpBody.js';
import type { SelfServiceBot } from './teamsBot.js';

export interface ServerOptions {
  readonly adapter: CloudAdapter;
  readonly bot: SelfServiceBot;
  readonly store: AtomicStore;
  readonly logger: Logger;
  /** Bot Framework activities are small; anything bigger is refused with 413. */
  readonly bodyLimitBytes?: number;
  readonly headersTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
}

/** Builds the server; the caller listens and closes it. */
export function createServer(options: ServerOptions): restify.Server {
  const { adapter, bot, store, logger } = options;
  const limit = options.bodyLimitBytes ?? 256 * 1024;
  const server = restify.createServer({ name: 'ssp-teams-bot', handleUncaughtExceptions: false });
  server.server.headersTimeout = options.headersTimeoutMs ?? 10_000;
  server.server.requestTimeout = options.requestTimeoutMs ?? 30_000;
  server.server.keepAliveTimeout = 5_000;

  server.post('/api/messages', async (req, res) => {
    try {
      (req as unknown as { body: unknown }).body = await readJsonBody(req, limit);
    } catch (error) {
      if (error instanceof BodyError) {
        logger.warn('http.badBody', { status: error.status, reason: error.message });
        res.send(error.status, { error: error.message });
        return;
      }
      throw error;
    }
    await adapter.process(req, res, (context) => bot.run(context));
  });

  server.get('/healthz', async (_req, res) => {
    try {
      await store.ping();
      res.send(200, { status: 'ok', store: store.backend });
    } catch (error) {
      logger.error('health.storeUnavailable', { error });
      res.send(503, { status: 'unavailable', store: store.backend });
    }
  });

  server.on(
    'restifyError',
    (req: restify.Request, _res: restify.Response, error: Error, callback: () => void) => {
      logger.warn('http.error', { path: req.path(), name: error.name, message: error.message });
      callback();
    },
  );
  return server;
}
