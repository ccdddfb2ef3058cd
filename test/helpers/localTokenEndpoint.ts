// The Entra token endpoint's client-credentials grant, on loopback: checks the secret or the signed assertion.

import { X509Certificate, constants, createHash, randomBytes, verify } from 'node:crypto';

export const LOCAL_CLIENT_ID = '5c1f0b9e-6a52-4f0e-9d3e-2f7b8a6c4d10';
export const LOCAL_CLIENT_SECRET = 'local-graph-test-secret';
/** The tenant the test app is registered in (the bot publisher's); it holds no people. */
export const APP_HOME_TENANT = 'f0000000-0000-4000-8000-000000000000';

export interface IssuedToken {
  readonly tenantId: string;
  readonly expiresAt: number;
}

export interface TokenAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** What the endpoint needs to know about the world: tenants, the Graph origin, trusted certificates. */
export interface TokenRules {
  /** 'consented', 'notConsented' (AADSTS700016) or 'unknown' (AADSTS90002). */
  tenantState(tenantId: string): 'consented' | 'notConsented' | 'unknown';
  readonly graphOrigin: string;
  readonly certificates: readonly string[];
  readonly lifetimeSeconds: number;
}

/** An error answer in Entra's format: `error` a string, `error_description` starting with the AADSTS number. */
export function tokenRefusal(
  status: number,
  error: string,
  code: number,
  description: string,
): TokenAnswer {
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${description}`,
      error_codes: [code],
      timestamp: new Date().toISOString(),
      trace_id: randomBytes(8).toString('hex'),
      correlation_id: randomBytes(8).toString('hex'),
    },
  };
}

/** Answers one POST to `/<tenant>/oauth2/v2.0/token`; `issue` records the token it hands out. */
export function answerTokenRequest(
  tenantId: string,
  form: URLSearchParams,
  endpointUrl: string,
  rules: TokenRules,
  issue: (token: string, issued: IssuedToken) => void,
): TokenAnswer {
  if (form.get('grant_type') !== 'client_credentials') {
    return tokenRefusal(400, 'unsupported_grant_type', 70003, 'only client_credentials here');
  }
  if (form.get('client_id') !== LOCAL_CLIENT_ID) {
    return tokenRefusal(400, 'invalid_client', 700016, 'Application not found in the directory');
  }
  const state = rules.tenantState(tenantId);
  if (state === 'unknown') return tokenRefusal(400, 'invalid_request', 90002, 'Tenant not found');
  if (state === 'notConsented') {
    return tokenRefusal(400, 'invalid_client', 700016, 'Application not found in the directory');
  }
  if (form.get('scope') !== `${rules.graphOrigin}/.default`) {
    return tokenRefusal(400, 'invalid_scope', 70011, 'The provided scope is not valid');
  }
  const secret = form.get('client_secret');
  const assertion = form.get('client_assertion');
  if (secret !== null) {
    if (secret !== LOCAL_CLIENT_SECRET) {
      return tokenRefusal(401, 'invalid_client', 7000215, 'Invalid client secret provided');
    }
  } else if (assertion === null || !assertionIsValid(assertion, endpointUrl, rules.certificates)) {
    return tokenRefusal(
      401,
      'invalid_client',
      700027,
      'Client assertion failed signature validation',
    );
  }
  const token = `lg-${randomBytes(24).toString('base64url')}`;
  issue(token, { tenantId, expiresAt: Date.now() + rules.lifetimeSeconds * 1000 });
  return {
    status: 200,
    body: {
      token_type: 'Bearer',
      expires_in: rules.lifetimeSeconds,
      ext_expires_in: rules.lifetimeSeconds,
      access_token: token,
    },
  };
}

/** A JWT signed (PS256 or RS256) by a trusted certificate, naming it by thumbprint, for this endpoint, unexpired. */
function assertionIsValid(jwt: string, audience: string, certificates: readonly string[]): boolean {
  const [head = '', body = '', signature = ''] = jwt.split('.');
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as Record<string, unknown>;
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return false;
  }
  const pss = header.alg === 'PS256';
  const thumbprint = pss ? header['x5t#S256'] : header.x5t;
  const certificate = certificates
    .map((pem) => new X509Certificate(pem))
    .find((cert) => {
      const der = cert.raw;
      const digest = createHash(pss ? 'sha256' : 'sha1')
        .update(der)
        .digest('base64url');
      return digest === thumbprint;
    });
  if (!certificate || (header.alg !== 'PS256' && header.alg !== 'RS256')) return false;
  const signed = verify(
    'sha256',
    Buffer.from(`${head}.${body}`),
    pss
      ? {
          key: certificate.publicKey,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
        }
      : certificate.publicKey,
    Buffer.from(signature, 'base64url'),
  );
  const now = Date.now() / 1000;
  return (
    signed &&
    claims.aud === audience &&
    claims.iss === LOCAL_CLIENT_ID &&
    claims.sub === LOCAL_CLIENT_ID &&
    typeof claims.exp === 'number' &&
    claims.exp > now
  );
}
