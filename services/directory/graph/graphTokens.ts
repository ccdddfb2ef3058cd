// App-only Graph tokens per tenant from msal-node's ConfidentialClientApplication, which caches and renews them.

import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  AuthError,
  ConfidentialClientApplication,
  ServerError,
  type Configuration,
} from '@azure/msal-node';
import { GraphUnavailableError, TenantNotConsentedError } from './graphErrors.js';
import { GraphSetupError, GUID, type GraphCredential } from './graphSettings.js';

/**
 * AADSTS codes that mean "this tenant is not one the app is in": the app was never consented there (700016,
 * 7000229: no service principal) or the tenant does not exist (90002). Anything else is a failure to retry later.
 */
const NOT_CONSENTED = new Set(['700016', '7000229', '90002']);

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
}

/**
 * One ConfidentialClientApplication per tenant (the authority names the tenant), created on first use. Each is
 * given its authority's endpoints (`authorityMetadata`) and host (`knownAuthorities`), built from the configured
 * authority host the way msal itself hard-codes them for the public clouds, so msal never runs network discovery:
 * sovereign clouds and the local stand-in in the tests work the same way as login.microsoftonline.com.
 */
export class GraphTokens implements TokenSource {
  private readonly apps = new Map<string, ConfidentialClientApplication>();
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
    const app = this.appFor(tenantId);
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
      throw tokenProblem(error, tenantId);
    } finally {
      clearTimeout(timer);
    }
  }

  private appFor(tenantId: string): ConfidentialClientApplication {
    let app = this.apps.get(tenantId);
    if (!app) {
      app = new ConfidentialClientApplication({
        auth: {
          clientId: this.options.clientId,
          ...this.auth,
          ...authorityOptions(this.options.authorityHost, tenantId),
        },
      });
      this.apps.set(tenantId, app);
    }
    return app;
  }
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
    return new GraphUnavailableError(
      `The token endpoint refused: ${error.errorCode}${aadsts}`,
      error.status,
      error.errorCode,
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
