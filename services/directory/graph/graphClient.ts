// GET against Microsoft Graph as a good citizen: bounded retries honouring Retry-After, a timeout, paging, zod, and
// one time budget per lookup.

import { AsyncLocalStorage } from 'node:async_hooks';
import { z } from 'zod';
import { GraphUnavailableError } from './graphErrors.js';
import type { TokenSource } from './graphTokens.js';

/** One request: a path under the base URL and its query, in a tenant, described in a word for messages. */
export interface GraphRequest {
  readonly tenantId: string;
  /** Already encoded, starting with a slash: `/users/<id>`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  /** Sends `ConsistencyLevel: eventual`, which `$search` and advanced `$filter` queries require. */
  readonly eventual?: boolean;
  /** What is asked ("user", "roles"), for errors and logs; never an id or a name. */
  readonly what: string;
}

/** What the client reports about a failed call; the composition root logs it. */
export interface GraphEvent {
  readonly what: string;
  readonly attempts: number;
  readonly status?: number;
  readonly code?: string;
  readonly reason: string;
}

export interface GraphClientOptions {
  readonly baseUrl: string;
  readonly tokens: TokenSource;
  readonly timeoutMs: number;
  /** Tries per request, the first included. */
  readonly maxAttempts: number;
  /**
   * The most one lookup may take, every call, wait, retry and page included (a card action must be answered within
   * about 15 seconds). A retry that would end after it is not made. Default DEFAULT_BUDGET_MS.
   */
  readonly budgetMs?: number;
  /** Pages followed per collection at most; a Graph paging on beyond that is unavailable. Default 100. */
  readonly maxPages?: number;
  /** A Retry-After longer than this is not waited for: the turn would time out first. */
  readonly maxRetryAfterMs?: number;
  readonly onFailure?: (event: GraphEvent) => void;
  /** Waits between attempts; tests replace it to see the waits without spending them. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** The clock the budget is measured on; tests move it with their sleep. */
  readonly now?: () => number;
}

/** The moment the lookup under way must be over by, shared by every Graph call it makes. */
const deadlines = new AsyncLocalStorage<number>();

const RETRYABLE = new Set([429, 500, 502, 503, 504]);
const pageSchema = z.object({
  value: z.array(z.unknown()),
  '@odata.nextLink': z.string().optional(),
});
const errorSchema = z.object({ error: z.object({ code: z.string().optional() }) });

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
export const MAX_PAGES = 100;
export const DEFAULT_BUDGET_MS = 8_000;

/**
 * Every call is a GET with an app-only token. 429 and 5xx are retried up to `maxAttempts`, waiting what
 * Retry-After says (else 250 ms, doubling); 401 gets one fresh token; a call slower than `timeoutMs` fails at once
 * (retrying a slow Graph only makes the person wait longer). 404 is an answer ("no such thing"), never a failure.
 * Everything one lookup does (see `within`) ends within `budgetMs`, or the lookup fails.
 */
export class GraphClient {
  private readonly origin: string;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly budgetMs: number;

  constructor(private readonly options: GraphClientOptions) {
    this.origin = new URL(options.baseUrl).origin;
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? Date.now;
    this.budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  }

  /**
   * Runs one lookup (all the Graph calls it makes, in parallel or one after the other) under one deadline,
   * `budgetMs` from now; a lookup started inside another keeps the outer deadline.
   */
  within<T>(lookup: () => Promise<T>): Promise<T> {
    if (deadlines.getStore() !== undefined) return lookup();
    return deadlines.run(this.now() + this.budgetMs, lookup);
  }

  /** The object at the path, validated; undefined when Graph says 404. */
  async get<T>(request: GraphRequest, schema: z.ZodType<T>): Promise<T | undefined> {
    const deadline = this.deadline();
    const body = await this.send(request, this.url(request), deadline);
    return body === undefined ? undefined : this.validate(request, schema, body);
  }

  /**
   * Every item of a collection, following `@odata.nextLink` until there is none or `limit` items are in hand;
   * undefined when the collection itself is 404 (a directory role nobody was ever given).
   */
  async list<T>(
    request: GraphRequest,
    item: z.ZodType<T>,
    limit = Number.POSITIVE_INFINITY,
  ): Promise<T[] | undefined> {
    const deadline = this.deadline();
    const maxPages = this.options.maxPages ?? MAX_PAGES;
    const items: T[] = [];
    let url: string | undefined = this.url(request);
    for (let pages = 0; url && items.length < limit; pages += 1) {
      if (pages >= maxPages) {
        throw this.fail(request, 1, { reason: `more than ${maxPages} pages` });
      }
      const body = await this.send(request, url, deadline);
      if (body === undefined && items.length === 0) return undefined;
      if (body === undefined) throw this.fail(request, 1, { reason: 'a next page that is gone' });
      const page = this.validate(request, pageSchema, body);
      for (const value of page.value) items.push(this.validate(request, item, value));
      url = this.nextPage(request, page['@odata.nextLink']);
    }
    return items.slice(0, limit);
  }

  /** The next link, resolved against the base URL; it carries our token, so it must stay on the configured Graph. */
  private nextPage(request: GraphRequest, link: string | undefined): string | undefined {
    if (link === undefined || link === '') return undefined;
    let next: URL;
    try {
      next = new URL(link, `${this.options.baseUrl}/`);
    } catch {
      throw this.fail(request, 1, { reason: 'a next link that is no URL' });
    }
    if (next.origin !== this.origin) {
      throw this.fail(request, 1, { reason: 'a next link to another host' });
    }
    return next.toString();
  }

  /** The deadline of the lookup under way, or of this call alone when it was not started through `within`. */
  private deadline(): number {
    return deadlines.getStore() ?? this.now() + this.budgetMs;
  }

  private url(request: GraphRequest): string {
    const url = new URL(`${this.options.baseUrl}${request.path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      url.searchParams.set(name, value);
    }
    return url.toString();
  }

  private validate<T>(request: GraphRequest, schema: z.ZodType<T>, body: unknown): T {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw this.fail(request, 1, {
      reason: `unexpected answer (${issue?.path.join('.') || 'body'}: ${issue?.message ?? '?'})`,
    });
  }

  /** The parsed JSON body, or undefined for 404. */
  private async send(request: GraphRequest, url: string, deadline: number): Promise<unknown> {
    let freshToken = false;
    let refreshed = false;
    for (let attempt = 1; ; attempt += 1) {
      if (deadline - this.now() <= 0) throw this.outOfTime(request, attempt - 1);
      const token = await this.token(request, freshToken, attempt, deadline);
      const left = deadline - this.now();
      if (left <= 0) throw this.outOfTime(request, attempt - 1);
      const timeoutMs = Math.min(this.options.timeoutMs, left);
      let response: Response;
      try {
        response = await fetch(url, {
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(request.eventual ? { consistencylevel: 'eventual' } : {}),
          },
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        if (isTimeout(error)) throw this.tooSlow(request, attempt, timeoutMs);
        if (attempt >= this.options.maxAttempts) {
          throw this.fail(request, attempt, { reason: `unreachable (${causeOf(error)})` });
        }
        const wait = backoff(attempt);
        if (wait >= deadline - this.now()) {
          throw this.fail(request, attempt, {
            reason: `unreachable (${causeOf(error)}), and no time left to try again`,
          });
        }
        await this.sleep(wait);
        continue;
      }
      if (response.ok) {
        try {
          return await response.json();
        } catch (error) {
          if (isTimeout(error)) throw this.tooSlow(request, attempt, timeoutMs);
          throw this.fail(request, attempt, { reason: 'an answer that is not JSON' });
        }
      }
      if (response.status === 404) {
        await response.body?.cancel();
        return undefined;
      }
      const code = await errorCode(response);
      if (response.status === 401 && !refreshed) {
        refreshed = true;
        freshToken = true;
        continue;
      }
      const wait = retryAfter(response.headers.get('retry-after')) ?? backoff(attempt);
      const canWait = wait <= (this.options.maxRetryAfterMs ?? 10_000);
      // Waiting only to be cut off by the deadline would spend the person's time for nothing.
      const inTime = wait < deadline - this.now();
      if (!RETRYABLE.has(response.status) || attempt >= this.options.maxAttempts || !canWait) {
        throw this.fail(request, attempt, {
          status: response.status,
          code,
          reason: 'error answer',
        });
      }
      if (!inTime) {
        throw this.fail(request, attempt, {
          status: response.status,
          code,
          reason: `error answer, and no time left to wait ${wait} ms`,
        });
      }
      freshToken = false;
      await this.sleep(wait);
    }
  }

  /** A token; when there is none, the failure is reported like any other (a tenant without consent is not one). */
  private async token(
    request: GraphRequest,
    fresh: boolean,
    attempt: number,
    deadline: number,
  ): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    try {
      // The token endpoint has its own timeout; the lookup's deadline may come sooner.
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new GraphUnavailableError(
                `No token for ${request.what} within the lookup's ${this.budgetMs} ms`,
              ),
            ),
          Math.max(0, deadline - this.now()),
        );
      });
      return await Promise.race([this.options.tokens.token(request.tenantId, fresh), late]);
    } catch (error) {
      if (error instanceof GraphUnavailableError) {
        this.options.onFailure?.({
          what: `token for ${request.what}`,
          attempts: attempt,
          status: error.status,
          code: error.code,
          reason: error.message,
        });
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private tooSlow(
    request: GraphRequest,
    attempts: number,
    timeoutMs: number,
  ): GraphUnavailableError {
    return this.fail(request, attempts, { reason: `no answer within ${timeoutMs} ms` });
  }

  private outOfTime(request: GraphRequest, attempts: number): GraphUnavailableError {
    return this.fail(request, Math.max(attempts, 1), {
      reason: `no answer within the lookup's ${this.budgetMs} ms`,
    });
  }

  private fail(
    request: GraphRequest,
    attempts: number,
    details: { status?: number; code?: string; reason: string },
  ): GraphUnavailableError {
    this.options.onFailure?.({ what: request.what, attempts, ...details });
    const status = details.status
      ? ` ${details.status}${details.code ? ` ${details.code}` : ''}`
      : '';
    return new GraphUnavailableError(
      `Microsoft Graph gave no ${request.what}:${status} ${details.reason} after ${attempts} attempt${attempts === 1 ? '' : 's'}`,
      details.status,
      details.code,
    );
  }
}

/** fetch says "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND) is in its cause. */
function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : 'unknown';
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown } | undefined)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

function backoff(attempt: number): number {
  return Math.min(250 * 2 ** (attempt - 1), 2_000);
}

/** Retry-After in milliseconds: seconds, or an HTTP date; undefined when absent or unreadable. */
export function retryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

async function errorCode(response: Response): Promise<string | undefined> {
  try {
    const parsed = errorSchema.safeParse(await response.json());
    return parsed.success ? parsed.data.error.code : undefined;
  } catch {
    return undefined;
  }
}
