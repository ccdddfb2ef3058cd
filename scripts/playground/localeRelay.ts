// A loopback relay between the Playground and the bot that gives every activity the language a Teams client would.

import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * Teams puts the user's client language in `activity.locale` (and in the `clientInfo` entity). The Agents Playground
 * 0.2.28 has no setting for it: every activity it sends says "en-US", whatever its config, the host's LANG or the
 * page's language. To try the bot as a Swedish-speaking person does, the Playground is pointed at this relay, which
 * forwards each request to the bot unchanged except for those two fields. Replies do not pass through it: the bot
 * answers the Playground's own serviceUrl.
 */
export interface LocaleRelay {
  /** The endpoint to give the Playground as `--app-endpoint`. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** Sets the locale a Teams client in `locale` would send; leaves anything that is not a JSON activity alone. */
export function withLocale(body: Buffer, locale: string): Buffer {
  let activity: unknown;
  try {
    activity = JSON.parse(body.toString('utf8'));
  } catch {
    return body;
  }
  if (!activity || typeof activity !== 'object' || Array.isArray(activity)) return body;
  const a = activity as { locale?: unknown; entities?: unknown };
  a.locale = locale;
  if (Array.isArray(a.entities)) {
    for (const entity of a.entities as { type?: unknown; locale?: unknown }[]) {
      if (entity && entity.type === 'clientInfo') entity.locale = locale;
    }
  }
  return Buffer.from(JSON.stringify(a), 'utf8');
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts the relay on 127.0.0.1 (a free port) in front of `botEndpoint`. */
export async function startLocaleRelay(botEndpoint: string, locale: string): Promise<LocaleRelay> {
  const target = new URL(botEndpoint);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void readBody(req).then((raw) => {
      const body = req.method === 'POST' ? withLocale(raw, locale) : raw;
      const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
      const forwarded = request(
        {
          hostname: target.hostname,
          port: target.port,
          path: req.url === '/' || req.url === undefined ? target.pathname : req.url,
          method: req.method,
          headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forwarded.on('error', (error) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`locale relay: the bot did not answer (${error.message})`);
      });
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}${target.pathname}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
