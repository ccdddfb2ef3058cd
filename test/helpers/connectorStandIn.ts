// A local stand-in for the Bot Connector service: the serviceUrl the bot replies to, recording every activity.

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the connector. */
export interface ConnectorCall {
  readonly method: string;
  readonly path: string;
  readonly conversationId: string;
  readonly activityId?: string;
  readonly activity: Record<string, unknown>;
}

/** Records sends (POST), updates (PUT) and answers like the real service. */
export class ConnectorStandIn {
  readonly calls: ConnectorCall[] = [];
  /** Files uploaded to the stand-in's OneDrive upload URLs (the file consent flow), by name. */
  readonly uploads = new Map<string, { body: string; contentRange?: string }>();
  private server: Server | undefined;
  private counter = 0;
  /** When set, the next sends (to one conversation, if named) fail with this status (to test retries). */
  failNext: {
    count: number;
    status: number;
    conversationId?: string;
    /** Sent as the Retry-After header (seconds), which the connector client waits out before retrying. */
    retryAfterSeconds?: number;
  } = { count: 0, status: 500 };
  /** When set, the next sends (to one conversation, if named) are answered only after `ms` (a slow service). */
  slowNext: { count: number; ms: number; conversationId?: string } = { count: 0, ms: 0 };

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        ({ status, body, headers }) => {
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(JSON.stringify(body));
        },
        () => {
          res.writeHead(500);
          res.end();
        },
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  /** Activities sent to a conversation (new messages and replies, not updates). */
  sentTo(conversationId: string): Record<string, unknown>[] {
    return this.calls
      .filter((c) => c.conversationId === conversationId && c.method === 'POST')
      .map((c) => c.activity);
  }

  /** Every call's activity, in order. */
  all(): Record<string, unknown>[] {
    return this.calls.map((c) => c.activity);
  }

  clear(): void {
    this.calls.length = 0;
  }

  private async handle(
    req: IncomingMessage,
  ): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = decodeURIComponent(req.url ?? '');
    const upload = /^\/upload\/([^/?]+)$/.exec(path);
    if (upload?.[1] && req.method === 'PUT') {
      this.uploads.set(upload[1], { body: text, contentRange: req.headers['content-range'] });
      return { status: 201, body: { id: upload[1] } };
    }
    const match = /\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(path);
    if (!match?.[1]) return { status: 404, body: { error: 'unknown route' } };
    const targeted =
      this.failNext.conversationId === undefined || this.failNext.conversationId === match[1];
    if (this.failNext.count > 0 && req.method === 'POST' && targeted) {
      this.failNext.count -= 1;
      const retryAfter = this.failNext.retryAfterSeconds;
      return {
        status: this.failNext.status,
        body: { error: { code: 'ServiceError', message: 'simulated failure' } },
        headers: retryAfter === undefined ? undefined : { 'retry-after': String(retryAfter) },
      };
    }
    const slow = this.slowNext;
    if (
      slow.count > 0 &&
      req.method === 'POST' &&
      (slow.conversationId === undefined || slow.conversationId === match[1])
    ) {
      slow.count -= 1;
      // The service is slow, but it does take the message (recorded after the wait, like the real one).
      await new Promise((resolve) => setTimeout(resolve, slow.ms));
    }
    this.counter += 1;
    this.calls.push({
      method: req.method ?? 'POST',
      path,
      conversationId: match[1],
      activityId: match[2],
      activity: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    });
    return { status: req.method === 'PUT' ? 200 : 201, body: { id: `reply-${this.counter}` } };
  }
}
