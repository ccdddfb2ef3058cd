// Entra ID and Microsoft Graph on 127.0.0.1 for the tests: a token endpoint and the Graph v1.0 reads the bot makes,
// over a directory seed, with throttling, outages, slowness and revoked tokens on demand. Nothing leaves the machine.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphDirectory } from '../../services/directory/graph/graphDirectory.js';
import {
  parseTenantsConfig,
  type GraphSettings,
} from '../../services/directory/graph/graphSettings.js';
import type { DirectorySeed } from '../../services/directory/seedSchema.js';
import { answerGraph, type GraphAnswer } from './localGraphRoutes.js';
import { modelFromSeed, tenantsFileFromSeed, type ModelTenant } from './localGraphModel.js';
import {
  APP_HOME_TENANT,
  LOCAL_CLIENT_ID,
  LOCAL_CLIENT_SECRET,
  answerTokenRequest,
  tokenRefusal,
  type IssuedToken,
} from './localTokenEndpoint.js';

export { APP_HOME_TENANT, LOCAL_CLIENT_ID, LOCAL_CLIENT_SECRET };

/** A Graph request as the server saw it. */
export interface SeenRequest {
  readonly tenantId: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly consistencyLevel?: string;
  readonly token: string;
}

/** A programmed answer: a status (with Retry-After seconds), or no answer at all. */
export type Fault = { readonly status: number; readonly retryAfter?: string } | 'hang';

interface FaultRule {
  readonly match: RegExp;
  readonly faults: Fault[];
}

/** Starts on a free loopback port; `serve(seed)` decides what it holds. */
export class LocalGraph {
  readonly requests: SeenRequest[] = [];
  /** Tenants asked for tokens, in order. */
  readonly tokenRequests: string[] = [];
  /** Requests that were neither a token request nor a Graph call (msal discovery would land here). */
  readonly strayRequests: string[] = [];
  /** Certificates (PEM) whose keys may sign client assertions. */
  readonly certificates: string[] = [];
  tokenLifetimeSeconds = 3600;
  /** Every Graph call answers this status, or never answers ('hang'), while set: an outage. */
  outage: number | 'hang' | undefined;
  /** Every token request answers this status while set. */
  tokenOutage: number | undefined;
  /** Next links point here instead of at this server while set (a Graph paging to a stranger's host). */
  nextLinkBase: string | undefined;
  /**
   * Rewrites every page's `@odata.nextLink` while set: given the link the page had (if any) and the URL asked, the
   * link to send (relative, broken, or one that never ends), or undefined for none.
   */
  nextLink: ((given: string | undefined, asked: URL) => string | undefined) | undefined;
  /** Graph refuses (403 Authorization_RequestDenied) every path matching this while set: a permission not granted. */
  denied: RegExp | undefined;
  model = new Map<string, ModelTenant>();
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly rules: FaultRule[] = [];
  private server: Server | undefined;
  private port = 0;

  /** Listens on a new free port; does nothing when already listening. */
  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        send(res, {
          status: 500,
          body: { error: { code: 'localGraphBug', message: String(error) } },
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get authorityHost(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get graphBaseUrl(): string {
    return `http://127.0.0.1:${this.port}/v1.0`;
  }

  /** Holds this seed from now on, forgetting faults and the request log. */
  serve(seed: DirectorySeed): this {
    this.model = modelFromSeed(seed);
    this.reset();
    return this;
  }

  /** Clears faults, outages, the request logs and revocations; the data stays. */
  reset(): void {
    this.rules.length = 0;
    this.requests.length = 0;
    this.tokenRequests.length = 0;
    this.strayRequests.length = 0;
    this.outage = undefined;
    this.tokenOutage = undefined;
    this.nextLinkBase = undefined;
    this.nextLink = undefined;
    this.denied = undefined;
    this.tokenLifetimeSeconds = 3600;
  }

  /** The next calls whose path matches answer with these faults, one each, then normally again. */
  failNext(match: RegExp, ...faults: Fault[]): void {
    this.rules.push({ match, faults });
  }

  /** Graph refuses every token issued so far (401), as after a revocation or an expiry on its side. */
  revokeTokens(): void {
    this.tokens.clear();
  }

  /** Settings that point the directory at this server, with the test app's secret. */
  settings(overrides: Partial<GraphSettings> = {}): GraphSettings {
    return {
      clientId: LOCAL_CLIENT_ID,
      homeTenantId: APP_HOME_TENANT,
      credential: { kind: 'secret', secret: LOCAL_CLIENT_SECRET },
      authorityHost: this.authorityHost,
      graphBaseUrl: this.graphBaseUrl,
      cacheTtlMs: 60_000,
      timeoutMs: 2_000,
      maxAttempts: 3,
      budgetMs: 8_000,
      ...overrides,
    };
  }

  /** Serves the seed and returns a fresh GraphDirectory over it, with the seed's tenant settings. */
  directoryFor(
    seed: DirectorySeed,
    overrides: Partial<GraphSettings> = {},
    options: ConstructorParameters<typeof GraphDirectory>[1] = {},
  ): GraphDirectory {
    this.serve(seed);
    return new GraphDirectory(this.settings(overrides), {
      tenants: parseTenantsConfig(tenantsFileFromSeed(seed), 'the seed'),
      ...options,
    });
  }

  /** Graph calls whose path matches. */
  seen(match: RegExp): SeenRequest[] {
    return this.requests.filter((r) => match.test(r.path));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.authorityHost);
    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
    if (req.method === 'POST' && token?.[1]) {
      const form = new URLSearchParams(await readBody(req));
      return this.answerToken(decodeURIComponent(token[1]).toLowerCase(), form, url, res);
    }
    if (req.method !== 'GET' || !url.pathname.startsWith('/v1.0/')) {
      this.strayRequests.push(`${req.method ?? '?'} ${url.pathname}`);
      return send(res, { status: 404, body: { error: { code: 'notFound' } } });
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const issued = this.tokens.get(bearer);
    const path = url.pathname.slice('/v1.0'.length);
    const query = Object.fromEntries(url.searchParams);
    this.requests.push({
      tenantId: issued?.tenantId ?? '',
      path: decodeURIComponent(path),
      query,
      consistencyLevel: header(req, 'consistencylevel'),
      token: bearer,
    });
    const outage: Fault | undefined =
      this.outage === 'hang' ? 'hang' : this.outage ? { status: this.outage } : undefined;
    const fault = this.fault(path) ?? outage;
    if (fault === 'hang') return;
    if (fault) return send(res, faultAnswer(fault));
    if (this.denied?.test(decodeURIComponent(path))) {
      return send(res, {
        status: 403,
        body: {
          error: {
            code: 'Authorization_RequestDenied',
            message: 'Insufficient privileges to complete the operation.',
          },
        },
      });
    }
    if (!issued || issued.expiresAt <= Date.now()) {
      return send(res, {
        status: 401,
        body: {
          error: { code: 'InvalidAuthenticationToken', message: 'Access token has expired.' },
        },
      });
    }
    const tenant = this.model.get(issued.tenantId);
    const answer = answerGraph({
      tenant,
      tenantId: issued.tenantId,
      path,
      query,
      consistencyLevel: header(req, 'consistencylevel'),
      model: this.model,
      base: `${this.nextLinkBase ?? this.graphBaseUrl}${path}`,
    });
    const body = answer.body as Record<string, unknown>;
    if (this.nextLink && answer.status === 200 && Array.isArray(body.value)) {
      const given = body['@odata.nextLink'];
      const link = this.nextLink(typeof given === 'string' ? given : undefined, url);
      if (link === undefined) delete body['@odata.nextLink'];
      else body['@odata.nextLink'] = link;
    }
    send(res, answer);
  }

  private answerToken(
    tenantId: string,
    form: URLSearchParams,
    url: URL,
    res: ServerResponse,
  ): void {
    this.tokenRequests.push(tenantId);
    const fault =
      this.fault('/token') ?? (this.tokenOutage ? { status: this.tokenOutage } : undefined);
    if (fault === 'hang') return;
    if (fault) return send(res, tokenFaultAnswer(fault));
    const answer = answerTokenRequest(
      tenantId,
      form,
      `${url.origin}${url.pathname}`,
      {
        tenantState: (id) =>
          id === APP_HOME_TENANT
            ? 'consented'
            : this.model.has(id)
              ? this.model.get(id)!.consented
                ? 'consented'
                : 'notConsented'
              : 'unknown',
        graphOrigin: this.authorityHost,
        certificates: this.certificates,
        lifetimeSeconds: this.tokenLifetimeSeconds,
      },
      (issuedToken, issued) => this.tokens.set(issuedToken, issued),
    );
    send(res, answer);
  }

  private fault(path: string): Fault | undefined {
    const rule = this.rules.find((r) => r.match.test(decodeURIComponent(path)) && r.faults.length);
    return rule?.faults.shift();
  }
}

function faultAnswer(fault: Exclude<Fault, 'hang'>): GraphAnswer {
  return {
    status: fault.status,
    headers: fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter },
    body: { error: { code: fault.status === 429 ? 'TooManyRequests' : 'serviceNotAvailable' } },
  };
}

/**
 * The token endpoint's own error format (a string code and a description with the AADSTS number), as Entra answers
 * throttling and outages: never Graph's `{ error: { code } }`.
 */
function tokenFaultAnswer(fault: Exclude<Fault, 'hang'>): GraphAnswer {
  const throttled = fault.status === 429;
  const answer = tokenRefusal(
    fault.status,
    'temporarily_unavailable',
    throttled ? 90055 : 90033,
    throttled
      ? 'TenantThrottlingError: There are too many incoming requests.'
      : 'A transient error has occurred. Please try again.',
  );
  return {
    status: answer.status,
    headers: fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter },
    body: answer.body,
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, answer: GraphAnswer): void {
  res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
  res.end(JSON.stringify(answer.body));
}
