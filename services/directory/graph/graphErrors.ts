// Why Microsoft Graph gave no answer; the domain turns any of these into DIRECTORY_UNAVAILABLE, a refusal.

import { DirectoryUnavailableError } from '../directory.js';

/**
 * Graph or the token endpoint could not answer: unreachable, too slow, throttled beyond the retry budget, or an
 * error status. The message says what was asked ("user", "roles") and why, never a token, an id or a query.
 */
export class GraphUnavailableError extends DirectoryUnavailableError {
  constructor(
    message: string,
    /** The HTTP status of the last answer, when there was one. */
    readonly status?: number,
    /** Graph's error code (`Authorization_RequestDenied`) or the token endpoint's (`invalid_client`). */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'GraphUnavailableError';
  }
}

/**
 * The app has no service principal in the tenant (never consented there) or the tenant does not exist. This is an
 * answer, not an outage: such a tenant is not one the bot serves, so it is reported as unmanaged.
 */
export class TenantNotConsentedError extends Error {
  constructor(
    readonly tenantId: string,
    readonly reason: string,
  ) {
    super(`The app has no access to tenant ${tenantId}: ${reason}`);
    this.name = 'TenantNotConsentedError';
  }
}
