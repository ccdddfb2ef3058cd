// Notifications are sent once even when sends are slow: a delivery never takes events another delivery holds
// (not even one of the same bot instance), a send is abandoned well before its lease could run out, and one slow
// recipient does not hold up the others. Real bot over HTTP, real SQLite, a connector stand-in that is slow or
// answers 429 with a long Retry-After.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { compose, type App } from '../../bot/compositionRoot.js';
import { loadConfig } from '../../bot/config.js';
import { JsonLogger } from '../../bot/logger.js';
import { startBot, type Harness } from '../helpers/botHarness.js';
import { ConnectorStandIn } from '../helpers/connectorStandIn.js';
import { demoSeed, person } from '../helpers/seed.js';
import { cardText, cardWith, invokeCard, TeamsUser } from '../helpers/teamsUser.js';

const PURCHASE_CARD = 'New self-service purchase: Power Apps per user';

async function buyAs(buyer: TeamsUser): Promise<void> {
  const checkout = cardWith((await buyer.say('buy 2 power apps')).replies, 'Checkout');
  const receipt = invokeCard(
    await buyer.execute(checkout, 'Confirm and pay $40.00', {
      cardNumber: '4242424242424242',
      cardExpiry: '11/31',
      cardCvc: '321',
      cardHolder: 'Bob Brown',
    }),
  );
  expect(cardText(receipt)).to.include('Thank you!');
}

function cardsTo(connector: ConnectorStandIn, user: TeamsUser, title: string): string[] {
  return connector
    .sentTo(user.conversationId)
    .map(
      (a) => (a.attachments as { content?: Record<string, unknown> }[] | undefined)?.[0]?.content,
    )
    .filter((c): c is Record<string, unknown> => c !== undefined)
    .map(cardText)
    .filter((text) => text.includes(title));
}

async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('notification delivery with a slow connector', function () {
  this.timeout(20_000);

  describe('one bot instance', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await startBot();
    });
    afterEach(async () => {
      await h.stop();
    });

    it('a message arriving while the background pass sends does not send the same card again', async () => {
      const dave = h.user('dave');
      await dave.install();
      await buyAs(h.user('bob'));
      h.connector.slowNext = { count: 1, ms: 800, conversationId: dave.conversationId };
      const pass = h.app.notifier.deliverAll();
      // Dave writes while the pass is still sending him the purchase card.
      await until(() => h.connector.slowNext.count === 0);
      const reply = await dave.say('hi');
      await pass;
      expect(JSON.stringify(reply.replies)).not.to.include('New self-service purchase');
      expect(cardsTo(h.connector, dave, PURCHASE_CARD)).to.have.length(1);
      await h.app.tick();
      await dave.say('hi');
      expect(cardsTo(h.connector, dave, PURCHASE_CARD)).to.have.length(1);
    });
  });

  describe('two bot instances on one SQLite file', () => {
    let dir: string;
    let connector: ConnectorStandIn;
    let serviceUrl: string;
    let a: { app: App; url: string };
    let b: { app: App; url: string };

    async function instance(): Promise<{ app: App; url: string }> {
      const config = loadConfig({
        PORT: '0',
        STORE_URL: `sqlite://${join(dir, 'shared.sqlite')}`,
        DIRECTORY_FILE: 'data/directory.json',
        CLOCK_START: '2026-03-02T09:00:00Z',
        LOG_LEVEL: 'error',
        LIFECYCLE_INTERVAL_SECONDS: '3600',
        NOTIFY_INTERVAL_SECONDS: '3600',
      });
      const app = await compose(config, new JsonLogger('error', () => undefined));
      // Short enough for a test; the lease is still well above the send timeout, as in production.
      app.notifier.timing = { leaseMs: 3_000, sendTimeoutMs: 1_000 };
      return { app, url: await app.start() };
    }

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'ssp-two-'));
      connector = new ConnectorStandIn();
      serviceUrl = await connector.start();
      a = await instance();
      b = await instance();
    });
    afterEach(async () => {
      await a.app.stop();
      await b.app.stop();
      await connector.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    const user = (on: { url: string }, name: string): TeamsUser =>
      new TeamsUser({
        botUrl: on.url,
        serviceUrl,
        connector,
        caller: person(demoSeed(), name),
        name,
      });

    it('a 429 with a long Retry-After: the send is abandoned in time, the card arrives exactly once, and the others are not held up', async () => {
      const dave = user(a, 'dave');
      const bob = user(a, 'bob');
      await dave.install();
      await buyAs(bob);
      connector.failNext = {
        count: 1,
        status: 429,
        conversationId: dave.conversationId,
        retryAfterSeconds: 30,
      };
      const started = Date.now();
      await a.app.notifier.deliverAll();
      // Abandoned after the send timeout, not after the Retry-After.
      expect(Date.now() - started).to.be.below(5_000);
      expect(cardsTo(connector, dave, PURCHASE_CARD)).to.have.length(0);
      // Bob's confirmation went out in the same pass.
      expect(cardsTo(connector, bob, 'Thank you for your purchase')).to.have.length(1);
      // Past the lease the other instance delivers it; after that, nobody again.
      await new Promise((resolve) => setTimeout(resolve, 3_100));
      await b.app.notifier.deliverAll();
      await Promise.all([a.app.notifier.deliverAll(), b.app.notifier.deliverAll()]);
      await new Promise((resolve) => setTimeout(resolve, 3_100));
      await Promise.all([a.app.notifier.deliverAll(), b.app.notifier.deliverAll()]);
      expect(cardsTo(connector, dave, PURCHASE_CARD)).to.have.length(1);
      expect(cardsTo(connector, bob, 'Thank you for your purchase')).to.have.length(1);
    });
  });
});
