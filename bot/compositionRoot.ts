// The one composition root: store, directory, domain, state, adapter, dialogs, bot, server and background jobs.

import { ConversationState, TurnContext, type Attachment } from 'botbuilder';
import type restify from 'restify';
import { MainDialog, type CommandHandler, type PrivateSender } from '../dialogs/mainDialog.js';
import { callerOf } from '../dialogs/turnInfo.js';
import { OffsetClock, SystemClock } from '../services/clock.js';
import type { Directory } from '../services/directory/directory.js';
import { GraphDirectory } from '../services/directory/graph/graphDirectory.js';
import { GraphSetupError } from '../services/directory/graph/graphSettings.js';
import { SeedDirectory } from '../services/directory/seedDirectory.js';
import { createDomain, type Domain } from '../services/domain.js';
import { openStore } from '../services/store/openStore.js';
import { appIdOf, createAdapter } from './adapter.js';
import { PeriodicTask } from './backgroundJobs.js';
import { ConfigError, type Config } from './config.js';
import { asReference, ConversationReferences } from './conversationReferences.js';
import type { Logger } from './logger.js';
import { Notifier } from './notifier.js';
import { createServer } from './server.js';
import { StoreStorage } from './storeStorage.js';
import { SelfServiceBot } from './teamsBot.js';
import { sendProactively } from './proactive.js';
import { FileExporter } from './fileExport.js';
import { AdminCommands } from '../dialogs/admin/adminCommands.js';
import { MsCommerceConsole } from '../dialogs/admin/msCommerceConsole.js';
import { msCommerceEngine } from '../dialogs/mscommerce/engine.js';

/** The running application. */
export interface App {
  readonly domain: Domain;
  readonly server: restify.Server;
  readonly notifier: Notifier;
  /** Listens on the configured host and port; resolves with the URL. */
  start(): Promise<string>;
  /** Stops accepting requests, stops the jobs, closes the store. */
  stop(): Promise<void>;
  /** Runs the lifecycle job and a notification pass now (tests and demos). */
  tick(): Promise<void>;
}

/** Optional replacements for tests: another directory, extra command handlers. */
export interface Overrides {
  readonly directory?: Directory;
  readonly commands?: (domain: Domain) => CommandHandler[];
}

/** Builds the application from validated configuration. Fails at start-up when a part cannot be built. */
export async function compose(
  config: Config,
  logger: Logger,
  overrides: Overrides = {},
): Promise<App> {
  const store = await openStore(config.storeUrl, {
    onError: (error) => logger.warn('store.connectionError', { error }),
  });
  const directory = overrides.directory ?? openDirectory(config, logger);
  const clock = config.clockStart ? new OffsetClock(config.clockStart) : new SystemClock();
  const domain = createDomain({ store, directory, clock });

  const conversationState = new ConversationState(new StoreStorage(domain.records));
  const adapter = createAdapter(config.credentials, conversationState, logger);
  const appId = appIdOf(config.credentials);
  const references = new ConversationReferences(domain.records);
  const notifier = new Notifier(domain.outbox, references, adapter, appId, logger);

  const sendPrivately: PrivateSender = async (context: TurnContext, attachments: Attachment[]) => {
    const caller = callerOf(context.activity);
    const reference = caller ? await references.get(caller) : undefined;
    if (!reference) return false;
    try {
      await sendProactively(adapter, appId, asReference(reference), { attachments });
      return true;
    } catch (error) {
      logger.warn('privateChat.sendFailed', { error });
      return false;
    }
  };

  const exporter = new FileExporter(domain, logger);
  const adminCommands = new AdminCommands(
    domain,
    new MsCommerceConsole(domain, msCommerceEngine),
    exporter,
    sendPrivately,
  );
  const mainDialog = new MainDialog(domain, sendPrivately, [
    adminCommands,
    ...(overrides.commands?.(domain) ?? []),
  ]);
  const bot = new SelfServiceBot({
    domain,
    conversationState,
    mainDialog,
    references,
    notifier,
    sendPrivately,
    logger,
    exporter,
  });
  const server = createServer({ adapter, bot, store, logger });

  const lifecycle = new PeriodicTask(
    'lifecycle',
    config.lifecycleIntervalMs,
    () => domain.lifecycle.runOnce(),
    logger,
  );
  const delivery = new PeriodicTask(
    'notify',
    config.notifyIntervalMs,
    () => notifier.deliverAll(),
    logger,
  );

  return {
    domain,
    server,
    notifier,
    async start() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => resolve());
      });
      lifecycle.start();
      delivery.start();
      const address = server.address();
      return `http://${config.host}:${address.port}`;
    },
    async stop() {
      const closed = new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      // close() ends the connections idle at that moment; one still serving a turn goes idle (keep-alive) only
      // after its answer and would hold the close until its keep-alive timeout. End each as soon as it is idle.
      const sweep = setInterval(() => server.server.closeIdleConnections(), 50);
      try {
        await closed;
      } finally {
        clearInterval(sweep);
      }
      await Promise.all([lifecycle.stop(), delivery.stop()]);
      await store.close();
    },
    async tick() {
      await lifecycle.runOnce();
      await delivery.runOnce();
    },
  };
}

/** The seed file, or Microsoft Graph; a Graph file that cannot be used stops start-up like a bad setting. */
function openDirectory(config: Config, logger: Logger): Directory {
  if (config.directory !== 'graph' || !config.graph) {
    return SeedDirectory.fromFile(config.directoryFile);
  }
  try {
    return new GraphDirectory(config.graph, {
      onFailure: (event) => logger.warn('directory.graphFailed', { ...event }),
    });
  } catch (error) {
    if (error instanceof GraphSetupError) throw new ConfigError(error.message);
    throw error;
  }
}
