// End to end with DIRECTORY=graph: the real bot (config, composition root, restify, SQLite) reads its directory from
// the local Graph through msal-node; people get their yes or no, and a Graph outage gets "try again in a minute".

import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBot, type Harness } from '../helpers/botHarness.js';
import {
  APP_HOME_TENANT,
  LOCAL_CLIENT_ID,
  LOCAL_CLIENT_SECRET,
  LocalGraph,
} from '../helpers/localGraph.js';
import { tenantsFileFromSeed } from '../helpers/localGraphModel.js';
import { onlyLoopbackFetch } from '../helpers/loopbackFetch.js';
import { demoSeed, person } from '../helpers/seed.js';
import { cardText, invokeCard, lastCard } from '../helpers/teamsUser.js';

describe('the bot with DIRECTORY=graph, over HTTP against a local Graph', () => {
  const graph = new LocalGraph();
  onlyLoopbackFetch();
  let h: Harness;
  let dir: string;

  before(async () => {
    await graph.start();
    const seed = demoSeed();
    graph.serve(seed);
    dir = mkdtempSync(join(tmpdir(), 'ssp-graph-bot-'));
    const tenantsFile = join(dir, 'tenants.json');
    writeFileSync(tenantsFile, JSON.stringify(tenantsFileFromSeed(seed)));
    h = await startBot({
      DIRECTORY: 'graph',
      DIRECTORY_FILE: join(dir, 'no-seed-file-is-read.json'),
      GRAPH_CLIENT_ID: LOCAL_CLIENT_ID,
      GRAPH_TENANT_ID: APP_HOME_TENANT,
      GRAPH_CLIENT_SECRET: LOCAL_CLIENT_SECRET,
      GRAPH_AUTHORITY_HOST: graph.authorityHost,
      GRAPH_BASE_URL: graph.graphBaseUrl,
      GRAPH_TENANTS_FILE: tenantsFile,
      // No cache, so the outage below is met at once instead of after the TTL.
      GRAPH_CACHE_TTL_SECONDS: '0',
      GRAPH_TIMEOUT_MS: '2000',
      GRAPH_MAX_ATTEMPTS: '2',
    });
  });
  afterEach(() => {
    graph.outage = undefined;
  });
  after(async () => {
    await h.stop();
    await graph.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const answers: [string, string, string, string][] = [
    ['bob', 'en-US', 'can I buy Power BI Pro?', 'Yes, you can buy Power BI Pro'],
    ['priya', 'en-US', 'can I buy Power BI Pro?', 'in your country or region (India)'],
    ['oscar', 'sv-SE', 'kan jag köpa Power BI Pro?', 'Ja, du kan köpa Power BI Pro'],
  ];
  for (const [name, locale, ask, answer] of answers) {
    it(`${name} (${locale}) asks "${ask}": "${answer}…", read from Graph`, async () => {
      const before = graph.requests.length;
      const asked = await h.user(name, { locale }).say(ask);
      expect(asked.status).to.equal(200);
      expect(cardText(lastCard(asked.replies))).to.include(answer);
      const read = graph.requests.slice(before).map((r) => r.path);
      expect(read).to.include('/organization');
      expect(
        read.some((p) => p.endsWith('/transitiveMemberOf/microsoft.graph.directoryRole')),
      ).to.equal(true);
    });
  }

  it('bob buys 2 licenses; the Global and Billing admins Graph names are told of it', async () => {
    const bob = h.user('bob');
    const checkout = lastCard((await bob.say('buy 2 power bi pro')).replies);
    const paid = await bob.execute(checkout, 'Confirm and pay $28.00', {
      cardNumber: '4242 4242 4242 4242',
      cardExpiry: '12/30',
      cardCvc: '123',
      cardHolder: 'Bob Brown',
    });
    expect(cardText(invokeCard(paid))).to.include('Thank you! You bought Power BI Pro');
    expect(
      graph.seen(
        /^\/directoryRoles\(roleTemplateId='62e90394-69f5-4237-9190-012177145e10'\)\/members$/,
      ),
    ).to.not.be.empty;
    for (const admin of ['carol', 'dave', 'peggy']) {
      const pending = await h.app.domain.outbox.pending(person(demoSeed(), admin));
      expect(
        pending.map((e) => e.kind),
        admin,
      ).to.include('AdminPurchaseCreated');
    }
  });

  const outages: [string, string, string, RegExp][] = [
    [
      'alice',
      'en-US',
      'can I buy Power BI Pro?',
      /I can't reach your organization's directory right now.*Try again in a minute\./,
    ],
    [
      'alice',
      'sv-SE',
      'kan jag köpa Power BI Pro?',
      /Jag når inte din organisations katalog just nu.*Försök igen om en minut\./,
    ],
  ];
  for (const [name, locale, ask, sentence] of outages) {
    it(`${locale}: while Graph answers 503, "${ask}" is answered "try again in a minute", never yes`, async () => {
      graph.outage = 503;
      const asked = await h.user(name, { locale }).say(ask);
      expect(asked.status).to.equal(200);
      const text = cardText(lastCard(asked.replies));
      expect(text).to.match(sentence);
      expect(text).not.to.match(/Yes, you can|Ja, du kan/);
      const warnings = h.logs.filter((line) => line.includes('"directory.graphFailed"'));
      expect(warnings.length).to.be.greaterThan(0);
      expect(warnings.join('\n')).not.to.match(/lg-[\w-]{20,}|Bearer/);
    });
  }
});
