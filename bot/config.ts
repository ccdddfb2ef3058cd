// The bot's configuration: the only reader of process.env, validated with zod, failing with one clear line.

import { z } from 'zod';
import { GUID, type GraphSettings } from '../services/directory/graph/graphSettings.js';
import { DEFAULT_STORE_URL, describeStoreUrl } from '../services/store/openStore.js';

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

/**
 * A blank setting (`PORT=` in an env file) counts as unset, so it takes the default: otherwise an empty PORT
 * coerced to 0 and the bot listened on a random port, and an empty MicrosoftAppType refused local mode.
 */
function blankIsUnset<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);
}

const environmentSchema = z.object({
  NODE_ENV: optionalText,
  PORT: blankIsUnset(z.coerce.number().int().min(0).max(65535).default(3978)),
  /** Listen address when app credentials are set; local mode always listens on 127.0.0.1. */
  HOST: optionalText,
  STORE_URL: optionalText.default(DEFAULT_STORE_URL),
  DIRECTORY: blankIsUnset(z.enum(['seed', 'graph']).default('seed')),
  DIRECTORY_FILE: optionalText.default('data/directory.json'),
  CLOCK_START: optionalText,
  LOG_LEVEL: blankIsUnset(z.enum(['debug', 'info', 'warn', 'error']).default('info')),
  /** How often the lifecycle job (renewals, expiry) runs. */
  LIFECYCLE_INTERVAL_SECONDS: blankIsUnset(z.coerce.number().int().min(1).max(86_400).default(300)),
  /** How often waiting notifications are delivered to people the bot can reach. */
  NOTIFY_INTERVAL_SECONDS: blankIsUnset(z.coerce.number().int().min(1).max(3_600).default(15)),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: blankIsUnset(
    z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  ),
  MicrosoftAppTenantId: optionalText,
  GRAPH_CLIENT_ID: optionalText,
  GRAPH_TENANT_ID: optionalText,
  GRAPH_CLIENT_SECRET: optionalText,
  GRAPH_CERTIFICATE_PATH: optionalText,
  GRAPH_AUTHORITY_HOST: optionalText.default('https://login.microsoftonline.com'),
  GRAPH_BASE_URL: optionalText.default('https://graph.microsoft.com/v1.0'),
  GRAPH_TENANTS_FILE: optionalText,
  GRAPH_CACHE_TTL_SECONDS: blankIsUnset(z.coerce.number().int().min(0).max(3_600).default(60)),
  /** One Graph or token call; a card action must be answered within about 15 s. */
  GRAPH_TIMEOUT_MS: blankIsUnset(z.coerce.number().int().min(50).max(10_000).default(5_000)),
  GRAPH_MAX_ATTEMPTS: blankIsUnset(z.coerce.number().int().min(1).max(5).default(3)),
  /** One directory lookup in all: calls, retries, waits and pages. */
  GRAPH_BUDGET_MS: blankIsUnset(z.coerce.number().int().min(100).max(12_000).default(8_000)),
});

/** Bot Framework credentials, or none (local mode). */
export type Credentials =
  | { readonly mode: 'local' }
  | {
      readonly mode: 'authenticated';
      readonly appId: string;
      readonly appPassword?: string;
      readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
      readonly tenantId?: string;
    };

/** The validated configuration. */
export interface Config {
  readonly production: boolean;
  readonly port: number;
  readonly host: string;
  readonly storeUrl: string;
  readonly directory: 'seed' | 'graph';
  readonly directoryFile: string;
  /** Set when `directory` is 'graph'. */
  readonly graph?: GraphSettings;
  readonly clockStart?: Date;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  readonly lifecycleIntervalMs: number;
  readonly notifyIntervalMs: number;
  readonly credentials: Credentials;
}

/** A configuration that cannot be used; the message is one line naming the setting and what to do. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join('.') ?? 'environment';
    throw new ConfigError(`Setting ${name} is not valid: ${issue?.message ?? 'unknown problem'}.`);
  }
  const e = parsed.data;
  const store = describeStoreUrl(e.STORE_URL);
  if ('error' in store) throw new ConfigError(`Setting STORE_URL is not valid: ${store.error}.`);
  let clockStart: Date | undefined;
  if (e.CLOCK_START) {
    clockStart = new Date(e.CLOCK_START);
    if (Number.isNaN(clockStart.getTime())) {
      throw new ConfigError(
        'Setting CLOCK_START is not valid: expected an ISO time such as 2026-03-01T09:00:00Z.',
      );
    }
  }
  const credentials = readCredentials(e);
  const production = e.NODE_ENV === 'production';
  if (credentials.mode === 'local' && production) {
    throw new ConfigError(
      'NODE_ENV=production needs MicrosoftAppId and its credentials: the bot will not run unauthenticated in production.',
    );
  }
  return {
    production,
    port: e.PORT,
    host: credentials.mode === 'local' ? '127.0.0.1' : (e.HOST ?? '0.0.0.0'),
    storeUrl: e.STORE_URL,
    directory: e.DIRECTORY,
    directoryFile: e.DIRECTORY_FILE,
    graph: e.DIRECTORY === 'graph' ? readGraphSettings(e) : undefined,
    clockStart,
    logLevel: e.LOG_LEVEL,
    lifecycleIntervalMs: e.LIFECYCLE_INTERVAL_SECONDS * 1000,
    notifyIntervalMs: e.NOTIFY_INTERVAL_SECONDS * 1000,
    credentials,
  };
}

function readCredentials(e: z.infer<typeof environmentSchema>): Credentials {
  const given = [
    e.MicrosoftAppId,
    e.MicrosoftAppPassword,
    e.MicrosoftAppType,
    e.MicrosoftAppTenantId,
  ];
  if (given.every((v) => v === undefined)) return { mode: 'local' };
  if (!e.MicrosoftAppId) {
    throw new ConfigError(
      'MicrosoftAppId is missing while other Microsoft app settings are set: set it, or remove them all for local mode.',
    );
  }
  const appType = e.MicrosoftAppType ?? 'MultiTenant';
  if (appType !== 'UserAssignedMSI' && !e.MicrosoftAppPassword) {
    throw new ConfigError(
      `MicrosoftAppPassword is missing: a ${appType} app needs its client secret.`,
    );
  }
  if (appType === 'UserAssignedMSI' && e.MicrosoftAppPassword) {
    throw new ConfigError(
      'MicrosoftAppPassword must be empty for a UserAssignedMSI app: the managed identity has no secret.',
    );
  }
  if (appType !== 'MultiTenant' && !e.MicrosoftAppTenantId) {
    throw new ConfigError(
      `MicrosoftAppTenantId is missing: a ${appType} app needs the tenant it lives in.`,
    );
  }
  return {
    mode: 'authenticated',
    appId: e.MicrosoftAppId,
    appPassword: e.MicrosoftAppPassword,
    appType,
    tenantId: e.MicrosoftAppTenantId,
  };
}

/** Hosts a local stand-in may use over plain http (tests); anything else must be https. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** DIRECTORY=graph: the Entra app, its credential and where Entra ID and Graph are, checked one by one. */
function readGraphSettings(e: z.infer<typeof environmentSchema>): GraphSettings {
  const clientId = requireGuid('GRAPH_CLIENT_ID', e.GRAPH_CLIENT_ID, "the Entra app's client id");
  const homeTenantId = requireGuid(
    'GRAPH_TENANT_ID',
    e.GRAPH_TENANT_ID,
    'the id of the tenant the app is registered in',
  );
  if (e.GRAPH_CLIENT_SECRET && e.GRAPH_CERTIFICATE_PATH) {
    throw new ConfigError(
      'GRAPH_CLIENT_SECRET and GRAPH_CERTIFICATE_PATH are both set: set only one of them.',
    );
  }
  if (!e.GRAPH_CLIENT_SECRET && !e.GRAPH_CERTIFICATE_PATH) {
    throw new ConfigError(
      "GRAPH_CLIENT_SECRET or GRAPH_CERTIFICATE_PATH is missing: DIRECTORY=graph needs the app's client secret or a PEM file with its certificate and private key.",
    );
  }
  if (e.GRAPH_TIMEOUT_MS > e.GRAPH_BUDGET_MS) {
    throw new ConfigError(
      `Setting GRAPH_TIMEOUT_MS is not valid: one call cannot take longer than a whole lookup (GRAPH_BUDGET_MS=${e.GRAPH_BUDGET_MS}).`,
    );
  }
  const production = e.NODE_ENV === 'production';
  return {
    clientId,
    homeTenantId,
    credential: e.GRAPH_CLIENT_SECRET
      ? { kind: 'secret', secret: e.GRAPH_CLIENT_SECRET }
      : { kind: 'certificate', file: e.GRAPH_CERTIFICATE_PATH! },
    authorityHost: origin('GRAPH_AUTHORITY_HOST', e.GRAPH_AUTHORITY_HOST, false, production),
    graphBaseUrl: origin('GRAPH_BASE_URL', e.GRAPH_BASE_URL, true, production),
    tenantsFile: e.GRAPH_TENANTS_FILE,
    cacheTtlMs: e.GRAPH_CACHE_TTL_SECONDS * 1000,
    timeoutMs: e.GRAPH_TIMEOUT_MS,
    maxAttempts: e.GRAPH_MAX_ATTEMPTS,
    budgetMs: e.GRAPH_BUDGET_MS,
  };
}

function requireGuid(name: string, value: string | undefined, what: string): string {
  if (!value) throw new ConfigError(`${name} is missing: DIRECTORY=graph needs ${what}.`);
  if (!GUID.test(value)) {
    throw new ConfigError(
      `Setting ${name} is not valid: expected a GUID such as 00000000-0000-0000-0000-000000000000.`,
    );
  }
  return value;
}

/**
 * An https URL (http only on a loopback address, and never in production), without a trailing slash. The authority
 * host has no path; the Graph base URL's path ends in /v1.0, the only Graph version the directory is written for.
 */
function origin(name: string, value: string, isGraph: boolean, production: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`Setting ${name} is not valid: "${value}" is not a URL.`);
  }
  const loopback = url.protocol === 'http:' && LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !loopback) {
    throw new ConfigError(
      `Setting ${name} is not valid: it must be an https URL (http only for a local stand-in on 127.0.0.1).`,
    );
  }
  if (loopback && production) {
    throw new ConfigError(
      `Setting ${name} is not valid: plain http (a local stand-in) is not allowed with NODE_ENV=production.`,
    );
  }
  if (url.search || url.hash || (!isGraph && url.pathname !== '/')) {
    throw new ConfigError(
      `Setting ${name} is not valid: expected only the scheme and host, such as https://login.microsoftonline.com.`,
    );
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (isGraph && !/\/v1\.0$/.test(path)) {
    throw new ConfigError(
      `Setting ${name} is not valid: expected Graph v1.0, such as https://graph.microsoft.com/v1.0.`,
    );
  }
  return `${url.origin}${isGraph ? path : ''}`;
}
