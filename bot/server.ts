// The HTTP server (restify 12): POST /api/messages through the CloudAdapter, GET /healthz, and nothing else.

import restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import { z } from 'zod';
import type { AtomicStore } from '../services/store/atomicStore.js';
import type { Logger } from './logger.js';
import { BodyAbortedError, BodyError, readJsonBody } from './httpBody.js';
import type { SelfServiceBot } from './teamsBot.js';

export interface ServerOptions {
  readonly adapter: CloudAdapter;
  readonly bot: SelfServiceBot;
  readonly store: AtomicStore;
  readonly logger: Logger;
  /** Bot Framework activities are small; anything bigger is refused with 413. */
  readonly bodyLimitBytes?: number;
  /** A client that has not sent all its headers by then is cut off (slowloris). */
  readonly headersTimeoutMs?: number;
  /** A client that has not sent its whole request by then is cut off (a body that stalls). */
  readonly requestTimeoutMs?: number;
}

/** Builds the server; the caller listens and closes it. */
export function createServer(options: ServerOptions): restify.Server {
  const { adapter, bot, store, logger } = options;
  const limit = options.bodyLimitBytes ?? 256 * 1024;
  const server = restify.createServer({ name: 'ssp-teams-bot', handleUncaughtExceptions: false });
  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  server.server.headersTimeout = headersTimeout;
  server.server.requestTimeout = requestTimeout;
  // Node only looks for expired requests every connectionsCheckingInterval (30 s by default), which would let a
  // stalled request live up to twice as long as the timeout; check ten times per timeout instead. Read at listen.
  (server.server as { connectionsCheckingInterval?: number }).connectionsCheckingInterval =
    Math.max(100, Math.min(1_000, Math.floor(Math.min(headersTimeout, requestTimeout) / 10)));
  server.server.keepAliveTimeout = 5_000;

  server.post('/api/messages', async (req, res) => {
    let body: Record<string, unknown>;
    try {
      body = await readJsonBody(req, limit);
    } catch (error) {
      if (error instanceof BodyError) {
        logger.warn('http.badBody', { status: error.status, reason: error.message });
        // Refused before its body was read: close rather than drain what may be an endless body.
        if (error.unread) res.setHeader('connection', 'close');
        res.send(error.status, { error: error.message });
        return;
      }
      if (error instanceof BodyAbortedError) {
        // The client is gone (or was cut off by requestTimeout): there is no one to answer.
        logger.warn('http.aborted', { reason: error.message });
        return;
      }
      throw error;
    }
    // CloudAdapter throws (a 500 naming its internals) on an activity without a type; say what is wrong instead.
    if (typeof body.type !== 'string' || body.type.trim() === '') {
      logger.warn('http.badBody', { status: 400, reason: 'no activity type' });
      res.send(400, { error: 'The activity has no "type": send a Bot Framework activity.' });
      return;
    }
    // A field the bot reads with the wrong shape ("text": 123, "locale": 12) would fail the turn, and even the
    // apology: refuse it here, naming the field, before the adapter or the bot see it.
    const misfit = activityProblem(body);
    if (misfit) {
      logger.warn('http.badBody', { status: 400, reason: 'activity field', field: misfit.field });
      res.send(400, { error: misfit.message });
      return;
    }
    (req as unknown as { body: unknown }).body = body;
    await adapter.process(req, res, (context) => bot.run(context));
    // CloudAdapter only tells the console; operators look for refused callers in the JSON log.
    if (res.statusCode === 401) {
      logger.warn('http.unauthorized', {
        activityType: body.type,
        authorizationHeader: req.headers.authorization === undefined ? 'missing' : 'rejected',
      });
    }
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

const optionalText = z.string().nullish();
const account = z.looseObject({
  id: z.string(),
  name: optionalText,
  aadObjectId: optionalText,
  role: optionalText,
});
const entity = z
  .looseObject({
    type: z.string(),
    text: z.string().optional(),
    mentioned: z.looseObject({ id: z.string(), name: optionalText }).optional(),
  })
  .refine((e) => e.type.toLowerCase() !== 'mention' || e.mentioned !== undefined, {
    message: 'a mention entity needs "mentioned" (an account with an id)',
    path: ['mentioned'],
  });

/**
 * The activity fields the bot (and the Teams handler under it) reads, with the shapes Teams and the Agents
 * Playground send; fields the bot does not read pass through unchecked.
 */
const activitySchema = z
  .looseObject({
    type: z.string().min(1),
    id: z.string().optional(),
    name: z.string().optional(),
    channelId: z.string().optional(),
    serviceUrl: z.string().optional(),
    text: optionalText,
    locale: optionalText,
    replyToId: z.string().optional(),
    action: z.string().optional(),
    value: z.unknown().optional(),
    from: account.optional(),
    recipient: account.optional(),
    conversation: z
      .looseObject({
        id: z.string(),
        conversationType: z.string().optional(),
        tenantId: z.string().optional(),
        isGroup: z.boolean().optional(),
      })
      .optional(),
    channelData: z.looseObject({ tenant: z.looseObject({ id: z.string() }).optional() }).optional(),
    entities: z.array(entity).optional(),
    membersAdded: z.array(account).optional(),
    membersRemoved: z.array(account).optional(),
  })
  .superRefine((a, ctx) => {
    if (a.type !== 'invoke') return;
    const value = a.value as Record<string, unknown> | undefined;
    const isObject = (v: unknown): boolean =>
      typeof v === 'object' && v !== null && !Array.isArray(v);
    if (a.name === 'adaptiveCard/action' && !(isObject(value) && isObject(value?.action))) {
      ctx.addIssue({
        code: 'custom',
        path: ['value', 'action'],
        message: 'must be an object (the Action.Execute that was pressed)',
      });
    }
    if (
      a.name === 'fileConsent/invoke' &&
      !(isObject(value) && typeof value?.action === 'string')
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['value', 'action'],
        message: 'must be "accept" or "decline"',
      });
    }
  });

/** The first field of the activity that does not fit, with a sentence naming it; undefined when it all fits. */
function activityProblem(
  body: Record<string, unknown>,
): { field: string; message: string } | undefined {
  const parsed = activitySchema.safeParse(body);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') || 'activity';
  let problem = issue?.message ?? 'does not fit';
  if (issue?.code === 'invalid_type') {
    const expected =
      issue.expected === 'object'
        ? 'an object'
        : issue.expected === 'array'
          ? 'a list'
          : `a ${issue.expected}`;
    problem = `must be ${expected}`;
  } else if (issue?.code === 'too_small') {
    problem = 'must not be empty';
  }
  return { field, message: `The activity's "${field}" ${problem}: send a Bot Framework activity.` };
}
