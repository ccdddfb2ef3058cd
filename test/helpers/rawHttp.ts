// Requests a well-behaved Teams client never sends: any bytes and headers over one kept-alive connection, and raw
// sockets that stall.

import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { Readable } from 'node:stream';
import type { TeamsUser } from './teamsUser.js';

/** What the server answered: the status, the `error` sentence of a JSON body (if any) and the raw text. */
export interface RawAnswer {
  readonly status: number;
  readonly error?: string;
  readonly text: string;
}

/**
 * An HTTP client with exactly one keep-alive connection. Whatever it sends, its next request goes over the same
 * connection when the server kept it open, so a server that leaves a refused request half-read (and its remaining
 * bytes to be parsed as the next request) fails the next request instead of passing unnoticed.
 */
export class RawClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(private readonly baseUrl: string) {}

  /** POSTs these bytes to /api/messages. A string or bytes go with a Content-Length; a Readable goes chunked. */
  post(
    body: string | Uint8Array | Readable,
    headers: Record<string, string> = {},
  ): Promise<RawAnswer> {
    return this.send('POST', '/api/messages', headers, body);
  }

  get(path: string): Promise<RawAnswer> {
    return this.send('GET', path, {}, undefined);
  }

  close(): void {
    this.agent.destroy();
  }

  private send(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: string | Uint8Array | Readable | undefined,
  ): Promise<RawAnswer> {
    return new Promise((resolve, reject) => {
      let answered = false;
      const req = request(
        `${this.baseUrl}${path}`,
        { method, headers, agent: this.agent },
        (res) => {
          answered = true;
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => resolve(answerOf(res.statusCode ?? 0, Buffer.concat(chunks))));
        },
      );
      // A server that refuses early may close while the rest of the body is still going out: that is its answer.
      req.on('error', (error) => {
        if (!answered) reject(error);
      });
      if (body instanceof Readable) body.pipe(req);
      else req.end(body);
    });
  }
}

function answerOf(status: number, bytes: Buffer): RawAnswer {
  const text = bytes.toString('utf8');
  let error: string | undefined;
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    if (typeof parsed.error === 'string') error = parsed.error;
  } catch {
    // Not JSON (Node answers 431 and CloudAdapter some refusals without a JSON body): `text` carries it.
  }
  return { status, error, text };
}

/** A body that arrives in `count` chunks of `size` bytes with no Content-Length (Transfer-Encoding: chunked). */
export function chunkedBody(count: number, size: number): Readable {
  const chunk = Buffer.alloc(size, 'x');
  return Readable.from(
    (function* chunks() {
      for (let i = 0; i < count; i += 1) yield chunk;
    })(),
  );
}

/**
 * Opens a TCP connection, writes `bytes` and then nothing more, the way a slow or malicious client stalls a request.
 * Resolves when the server closes the connection, with whatever it wrote before closing.
 */
export function stallUntilClosed(baseUrl: string, bytes: string): Promise<{ received: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    let received = '';
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    socket.setEncoding('utf8');
    socket.on('data', (data: string) => {
      received += data;
    });
    // A reset is the server closing too; only a failure to connect is an error.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET') reject(error);
    });
    socket.on('close', () => resolve({ received }));
  });
}

/** The activity `user.say(text)` would send, as JSON, for requests that need their own headers. */
export function messageFrom(user: TeamsUser, text: string): string {
  const o = user['o'];
  return JSON.stringify({
    type: 'message',
    text,
    id: `raw-${randomUUID()}`, // a new message each time: a repeated id is a re-delivery
    channelId: 'msteams',
    serviceUrl: o.serviceUrl,
    locale: o.locale ?? 'en-US',
    from: { id: `29:${o.caller.userId}`, aadObjectId: o.caller.userId, name: o.name },
    recipient: { id: 'bot-id', name: 'SSP Bot' },
    conversation: {
      id: user.conversationId,
      conversationType: 'personal',
      tenantId: o.caller.tenantId,
    },
    channelData: { tenant: { id: o.caller.tenantId } },
  });
}
