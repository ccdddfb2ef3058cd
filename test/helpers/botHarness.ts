// Starts the real bot (composition root, restify on a loopback port, a real SQLite file) against a connector stand-in.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compose, type App } from '../../bot/compositionRoot.js';
import { loadConfig } from '../../bot/config.js';
import { JsonLogger } from '../../bot/logger.js';
import { ConnectorStandIn } from './connectorStandIn.js';
import { TeamsUser } from './teamsUser.js';
import { demoSeed, person } from './seed.js';

export interface Harness {
  readonly app: App;
  readonly url: string;
  readonly connector: ConnectorStandIn;
  /** The stand-in's base URL (ends with a slash). */
  readonly serviceUrl: string;
  readonly logs: string[];
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
