// Starts the real bot (composition root, restify on a loopback port, a real SQLite file) against a connector stand-in.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compose, type App } from '../../bot/compositionRoot.js';
import { loadConfig } from '../../bot/config.js';
import { JsonLogger } from '../../bot/logger.js';
import type { Caller } from '../../services/access/actor.js';
import type { Receipt } from '../../services/subscriptions/purchaseService.js';
import { ConnectorStandIn } from './connectorStandIn.js';
import { buy } from './domainFixture.js';
import { cardText, TeamsUser } from './teamsUser.js';
import { DEMO_SEED_FILE, demoSeed, person } from './seed.js';

type Card = Record<string, unknown>;

export interface Harness {
  readonly app: App;
  readonly url: string;
  readonly connector: ConnectorStandIn;
  /** The stand-in's base URL (ends with a slash). */
  readonly serviceUrl: string;
  readonly logs: string[];
  /** The caller of a person by first name (Contoso unless another tenant is named). */
  caller(name: string, tenant?: string): Caller;
  /** A Teams user by first name (Contoso unless another tenant is named). */
  user(
    name: string,
    options?: {
      tenant?: string;
      locale?: string;
      conversationType?: 'personal' | 'groupChat' | 'channel';
      conversationId?: string;
    },
  ): TeamsUser;
  stop(): Promise<void>;
}

/** Starts everything on fresh storage; `env` overrides settings (e.g. CLOCK_START). */
export async function startBot(env: Record<string, string> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'ssp-bot-'));
  const connector = new ConnectorStandIn();
  const serviceUrl = await connector.start();
  const logs: string[] = [];
  const config = loadConfig({
    PORT: '0',
    STORE_URL: `sqlite://${join(dir, 'bot.sqlite')}`,
    DIRECTORY_FILE: 'data/directory.json',
    CLOCK_START: '2026-03-02T09:00:00Z',
    LOG_LEVEL: 'debug',
    LIFECYCLE_INTERVAL_SECONDS: '3600',
    NOTIFY_INTERVAL_SECONDS: '3600',
    ...env,
  });
  const app = await compose(config, new JsonLogger('debug', (line) => logs.push(line)));
  const url = await app.start();
  const seed = demoSeed();
  return {
    app,
    url,
    connector,
    serviceUrl,
    logs,
    caller(name, tenant) {
      return person(seed, name, tenant);
    },
    user(name, options = {}) {
      const caller = person(seed, name, options.tenant);
      return new TeamsUser({
        botUrl: url,
        serviceUrl,
        connector,
        caller,
        name,
        locale: options.locale,
        conversationType: options.conversationType,
        conversationId: options.conversationId,
      });
    },
    async stop() {
      await app.stop();
      await connector.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts the bot on a copy of the demo directory changed by `edit`; the copy is removed on stop. */
export async function startBotWithSeed<T>(
  edit: (seed: T) => void,
  env: Record<string, string> = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'ssp-seed-'));
  const seed = JSON.parse(readFileSync(DEMO_SEED_FILE, 'utf8')) as T;
  edit(seed);
  const file = join(dir, 'directory.json');
  writeFileSync(file, JSON.stringify(seed));
  const h = await startBot({ DIRECTORY_FILE: file, ...env });
  return {
    ...h,
    async stop() {
      await h.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Buys through the running bot's domain as the named person (Contoso), with a fresh test Visa (4242…, 12/2030),
 * failing on a refusal; returns the receipt.
 */
export function boughtBy(
  h: Harness,
  name: string,
  productId: string,
  quantity = 1,
  key?: string,
): Promise<Receipt> {
  return buy(h.app, h.caller(name), productId, quantity, key);
}

/** A purchase the admins were told about: Bob's 2 Power BI Pro, notified to Carol and Dave, who installed the app. */
export interface NotifiedPurchase {
  readonly h: Harness;
  readonly subscriptionId: string;
  readonly tenantId: string;
}

/** Starts the bot with Carol and Dave installed, buys 2 Power BI Pro as Bob and delivers the notifications. */
export async function startWithNotifiedPurchase(): Promise<NotifiedPurchase> {
  const h = await startBot();
  for (const name of ['carol', 'dave']) await h.user(name).install();
  const { subscriptionId } = await boughtBy(h, 'bob', 'CFQ7TTC0H9MP', 2, 'bob-1');
  await h.app.tick();
  return { h, subscriptionId, tenantId: h.caller('bob').tenantId };
}

/** Cards the connector received for a person's personal chat whose text contains `fragment`. */
export function cardsFor(h: Harness, user: TeamsUser, fragment: string): Card[] {
  return h.connector
    .sentTo(user.conversationId)
    .map((a) => (a.attachments as { content?: Card }[] | undefined)?.[0]?.content)
    .filter((c): c is Card => c !== undefined && cardText(c).includes(fragment));
}
