// App-only Graph tokens per tenant from msal-node's ConfidentialClientApplication, which caches and renews them.

import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  AuthError,
  ConfidentialClientApplication,
  ServerError,
  type Configuration,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';
import { GraphUnavailableError, TenantNotConsentedError } from './graphErrors.js';
import { GraphSetupError, GUID, type GraphCredential } from './graphSettings.js';

/**
 * AADSTS codes that mean "this tenant is not one the app is in": the app was never consented there (700016,
 * 7000229: no service principal) or the tenant does not exist (90002). Anything else is a failure to retry later.
 */
const NOT_CONSENTED = new Set(['700016', '7000229', '90002']);

/**
 * After a 429 or 5xx (or any answer with Retry-After) from the token endpoint, msal refuses further token requests
 * for the same app and scope without calling the endpoint: for Retry-After seconds, else 60, at most an hour. This
 * is the most the bot lets it last, by shortening the Retry-After msal is shown; "try again in a minute" holds.
 */
export const MAX_TOKEN_THROTTLE_SECONDS = 30;
/** msal's own throttle when the endpoint gives no Retry-After (DEFAULT_THROTTLE_TIME_SECONDS). */
const MSAL_DEFAULT_THROTTLE_SECONDS = 60;

export interface TokenSource {
  /** A bearer token for Graph in the tenant; `fresh` skips msal's cache (Graph refused the cached one). */
  token(tenantId: string, fresh?: boolean): Promise<string>;
}

export interface GraphTokensOptions {
  readonly clientId: string;
  /** The app's own tenant: when it refuses the app too, "not consented" elsewhere means a broken setup. */
  readonly homeTenantId: string;
  readonly credential: GraphCredential;
  readonly authorityHost: string;
  /** The Graph base URL; its origin is the resource the token is for (`https://graph.microsoft.com/.default`). */
  readonly graphBaseUrl: string;
  readonly timeoutMs: number;
  /** The longest msal's throttling may last after the token endpoint refused (default MAX_TOKEN_THROTTLE_SECONDS). */
  readonly maxThrottleSeconds?: number;
}

/**
 * One ConfidentialClientApplication per tenant (the authority names the tenant), created on first use. Each is
 * given its authority's endpoints (`authorityMetadata`) and host (`knownAuthorities`), built from the configured
 * authority host the way msal itself hard-codes them for the public clouds, so msal never runs network discovery:
 * sovereign clouds and the local stand-in in the tests work the same way as login.microsoftonline.com.
 */
export class GraphTokens implements TokenSource {
  private readonly apps = new Map<
    string,
    { readonly app: ConfidentialClientApplication; readonly network: TokenNetwork }
  >();
  /** Requests under way, shared by concurrent callers (msal would otherwise ask once per caller). */
  private readonly pending = new Map<string, Promise<string>>();
  private readonly auth: Pick<Configuration['auth'], 'clientSecret' | 'clientCertificate'>;
  private readonly scope: string;

  constructor(private readonly options: GraphTokensOptions) {
    this.auth = credentialOptions(options.credential);
    this.scope = `${new URL(options.graphBaseUrl).origin}/.default`;
  }

  token(tenantId: string, fresh = false): Promise<string> {
    if (!GUID.test(tenantId)) {
      return Promise.reject(new TenantNotConsentedError(tenantId, 'not a tenant id'));
    }
    const key = `${tenantId.toLowerCase()}|${fresh}`;
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.checked(tenantId.toLowerCase(), fresh).finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    return pending;
  }

  /** A tenant refusing the app is only "not consented" if the app's own tenant accepts it. */
  private async checked(tenantId: string, fresh: boolean): Promise<string> {
    try {
      return await this.acquire(tenantId, fresh);
    } catch (error) {
      const home = this.options.homeTenantId.toLowerCase();
      if (!(error instanceof TenantNotConsentedError) || tenantId === home) throw error;
      try {
        await this.token(home);
      } catch (homeError) {
        if (homeError instanceof TenantNotConsentedError) {
          throw new GraphUnavailableError(
            `The app's own tenant refuses it too (${homeError.reason}): check GRAPH_CLIENT_ID and GRAPH_TENANT_ID`,
          );
        }
        throw homeError;
      }
      throw error;
    }
  }

  private async acquire(tenantId: string, fresh: boolean): Promise<string> {
    const { app, network } = this.appFor(tenantId);
    const sent = network.sent;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new GraphUnavailableError('The token endpoint did not answer in time')),
        this.options.timeoutMs,
      );
    });
    try {
      const result = await Promise.race([
        app.acquireTokenByClientCredential({ scopes: [this.scope], skipCache: fresh }),
        timeout,
      ]);
      if (!result?.accessToken) throw new GraphUnavailableError('The token endpoint gave no token');
      return result.accessToken;
    } catch (error) {
      // msal refused without asking the endpoint: its throttling, after an earlier refusal (ThrottlingUtils).
      const throttle = network.throttle;
      if (error instanceof ServerError && network.sent === sent && throttle) {
        throw new GraphUnavailableError(
          `token requests throttled by msal until ${new Date(throttle.until).toISOString()} (${throttle.reason})`,
          undefined,
          'throttled',
        );
      }
      throw tokenProblem(error, tenantId);
    } finally {
      clearTimeout(timer);
    }
  }

  private appFor(tenantId: string): {
    readonly app: ConfidentialClientApplication;
    readonly network: TokenNetwork;
  } {
    let entry = this.apps.get(tenantId);
    if (!entry) {
      const network = new TokenNetwork(
        this.options.maxThrottleSeconds ?? MAX_TOKEN_THROTTLE_SECONDS,
        this.options.timeoutMs,
      );
      const app = new ConfidentialClientApplication({
        auth: {
          clientId: this.options.clientId,
          ...this.auth,
          ...authorityOptions(this.options.authorityHost, tenantId),
        },
        system: { networkClient: network },
      });
      entry = { app, network };
      this.apps.set(tenantId, entry);
    }
    return entry;
  }
}

/**
 * msal's HTTP client (fetch, as msal's own), which also sees each answer before msal does: it counts requests, so a
 * refusal without one is recognised as msal's throttling, remembers why and until when msal will throttle, and caps
 * that time by shortening the Retry-After msal reads (msal has no setting for it).
 */
export class TokenNetwork implements INetworkModule {
  /** Requests sent so far. */
  sent = 0;
  /** The last answer that made msal throttle: why, and until when (ms since the epoch). */
  throttle: { readonly reason: string; readonly until: number } | undefined;

  constructor(
    private readonly maxThrottleSeconds: number,
    private readonly timeoutMs: number,
  ) {}

  sendGetRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    return this.send<T>(url, 'GET', options, timeout);
  }

  sendPostRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> {
    return this.send<T>(url, 'POST', options);
  }

  private async send<T>(
    url: string,
    method: 'GET' | 'POST',
    options: NetworkRequestOptions | undefined,
    timeout = this.timeoutMs,
  ): Promise<NetworkResponse<T>> {
    this.sent += 1;
    const response = await fetch(url, {
      method,
      headers: options?.headers,
      ...(method === 'POST' ? { body: options?.body ?? '' } : {}),
      signal: AbortSignal.timeout(timeout),
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    let body: T;
    try {
      body = (await response.json()) as T;
    } catch {
      body = {} as T;
    }
    this.capThrottle(response.status, headers, body);
    return { headers, body, status: response.status };
  }

  /** The answers msal throttles after (ThrottlingUtils.postProcess): 429, 5xx, or any error with Retry-After. */
  private capThrottle(status: number, headers: Record<string, string>, body: unknown): void {
    const given = headers['retry-after'];
    const failed = status < 200 || status >= 300;
    if (!failed || (status !== 429 && status < 500 && given === undefined)) return;
    const asked = given === undefined ? undefined : retryAfterSeconds(given);
    const seconds = Math.max(
      1,
      Math.min(asked ?? MSAL_DEFAULT_THROTTLE_SECONDS, this.maxThrottleSeconds),
    );
    headers['retry-after'] = String(seconds);
    const code = (body as { error?: unknown } | undefined)?.error;
    this.throttle = {
      reason: `the token endpoint answered ${status}${typeof code === 'string' && code ? ` ${code}` : ''}${
        given === undefined ? '' : ` with Retry-After ${given}`
      }`,
      until: Math.floor((Date.now() / 1000 + seconds) * 1000),
    };
  }
}

/** Retry-After in whole seconds (a number or an HTTP date); undefined when unreadable. */
function retryAfterSeconds(header: string): number | undefined {
  const seconds = Number(header);
  if (header.trim() !== '' && Number.isFinite(seconds)) return Math.ceil(seconds);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.ceil((at - Date.now()) / 1000);
}

/**
 * msal insists on an https authority. The endpoints it calls come from the metadata, so a loopback stand-in
 * (`http://127.0.0.1:port`, tests only) is named with https but reached over http; a real host is unchanged.
 */
export function authorityOptions(
  authorityHost: string,
  tenantId: string,
): Pick<Configuration['auth'], 'authority' | 'knownAuthorities' | 'authorityMetadata'> {
  const base = new URL(authorityHost);
  const endpoint = (path: string): string => `${base.origin}/{tenant}${path}`;
  return {
    authority: `https://${base.host}/${tenantId}`,
    knownAuthorities: [base.host],
    authorityMetadata: JSON.stringify({
      token_endpoint: endpoint('/oauth2/v2.0/token'),
      authorization_endpoint: endpoint('/oauth2/v2.0/authorize'),
      end_session_endpoint: endpoint('/oauth2/v2.0/logout'),
      jwks_uri: endpoint('/discovery/v2.0/keys'),
      issuer: endpoint('/v2.0'),
    }),
  };
}

function credentialOptions(
  credential: GraphCredential,
): Pick<Configuration['auth'], 'clientSecret' | 'clientCertificate'> {
  if (credential.kind === 'secret') return { clientSecret: credential.secret };
  let pem: string;
  try {
    pem = readFileSync(credential.file, 'utf8');
  } catch (error) {
    throw new GraphSetupError(
      `GRAPH_CERTIFICATE_PATH ${credential.file} cannot be read: ${(error as Error).message}`,
    );
  }
  const privateKey =
    /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(
      pem,
    )?.[0];
  const certificate = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
  if (!privateKey || !certificate) {
    throw new GraphSetupError(
      `GRAPH_CERTIFICATE_PATH ${credential.file} must hold the private key and the certificate, both PEM.`,
    );
  }
  let thumbprintSha256: string;
  try {
    thumbprintSha256 = new X509Certificate(certificate).fingerprint256.replace(/:/g, '');
  } catch (error) {
    throw new GraphSetupError(
      `GRAPH_CERTIFICATE_PATH ${credential.file} holds no readable certificate: ${(error as Error).message}`,
    );
  }
  return { clientCertificate: { thumbprintSha256, privateKey, x5c: certificate } };
}

/** msal's error, said without the token endpoint's free text (which can name the tenant's users or the app). */
function tokenProblem(error: unknown, tenantId: string): Error {
  if (error instanceof GraphUnavailableError || error instanceof TenantNotConsentedError) {
    return error;
  }
  if (error instanceof ServerError) {
    const number = String(error.errorNo ?? /AADSTS(\d+)/.exec(error.errorMessage)?.[1] ?? '');
    if (NOT_CONSENTED.has(number)) return new TenantNotConsentedError(tenantId, `AADSTS${number}`);
    const aadsts = number ? ` (AADSTS${number})` : '';
    // Entra's `error` is a string; anything else (no code, an object) is named by the status instead.
    const code =
      typeof error.errorCode === 'string' && error.errorCode !== '' ? error.errorCode : undefined;
    const said = code ?? (error.status ? `status ${error.status}` : 'no error code');
    return new GraphUnavailableError(
      `The token endpoint refused: ${said}${aadsts}`,
      error.status,
      code,
    );
  }
  if (error instanceof AuthError) {
    return new GraphUnavailableError(
      `No token from the token endpoint: ${error.errorCode}`,
      undefined,
      error.errorCode,
    );
  }
  return new GraphUnavailableError(
    `No token from the token endpoint: ${(error as Error).message ?? String(error)}`,
  );
}
