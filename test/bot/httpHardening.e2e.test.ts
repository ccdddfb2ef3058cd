// Bad HTTP input against the real server: each gets its clear status and sentence, and the bot keeps serving.

import { expect } from 'chai';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import type { Caller } from '../../services/access/actor.js';
import { startBot, type Harness } from '../helpers/botHarness.js';
import { chunkedBody, messageFrom, RawClient, stallUntilClosed } from '../helpers/rawHttp.js';
import { demoSeed, person } from '../helpers/seed.js';
import { cardText, cardWith, invokeCard, type TeamsUser } from '../helpers/teamsUser.js';

const ACTIVITY = JSON.stringify({ type: 'message', text: 'help', channelId: 'msteams' });
const JSON_TYPE = { 'content-type': 'application/json' };
/** Any partial leak of the card number; a bare "4111" could turn up by chance inside a random id. */
const CARD_4111 = /4111[\s-]*1111/;

describe('HTTP hardening (real server): bad input gets a clear answer and the bot keeps serving', () => {
  let h: Harness;
  let bob: TeamsUser;
  let client: RawClient;
  before(async () => {
    h = await startBot();
    bob = h.user('bob');
    await bob.install();
  });
  beforeEach(() => {
    client = new RawClient(h.url);
  });
  afterEach(() => {
    client.close();
  });
  after(async () => {
    await h.stop();
  });

  /**
   * The process is up, a normal message still gets the help card, and the health check is green, also over the
   * connection the bad request used when the server kept it open.
   */
  async function expectStillServing(): Promise<void> {
    expect((await client.get('/healthz')).status).to.equal(200);
    const help = await bob.say('help');
    expect(help.status).to.equal(200);
    expect(cardText(cardWith(help.replies, 'What I can do'))).to.include('Ask me in plain words');
    expect((await fetch(`${h.url}/healthz`)).status).to.equal(200);
  }

  describe('bodies the bot refuses before any bot logic runs', () => {
    const cases: {
      name: string;
      body: () => string | Uint8Array | Readable;
      headers: Record<string, string>;
      status: number;
      says: string;
    }[] = [
      {
        name: 'a gzip-compressed activity',
        body: () => gzipSync(ACTIVITY),
        headers: { ...JSON_TYPE, 'content-encoding': 'gzip' },
        status: 415,
        says: 'Content-Encoding "gzip" is not accepted: send the activity as plain JSON.',
      },
      {
        name: 'random bytes claiming to be gzip',
        body: () => randomBytes(4096),
        headers: { ...JSON_TYPE, 'content-encoding': 'gzip' },
        status: 415,
        says: 'Content-Encoding "gzip" is not accepted',
      },
      {
        name: 'a deflate-compressed activity',
        body: () => deflateSync(ACTIVITY),
        headers: { ...JSON_TYPE, 'content-encoding': 'deflate' },
        status: 415,
        says: 'Content-Encoding "deflate" is not accepted',
      },
      {
        name: 'a brotli-compressed activity',
        body: () => brotliCompressSync(ACTIVITY),
        headers: { ...JSON_TYPE, 'content-encoding': 'br' },
        status: 415,
        says: 'Content-Encoding "br" is not accepted',
      },
      {
        name: 'invalid JSON',
        body: () => '{"type": "message", "text": ',
        headers: JSON_TYPE,
        status: 400,
        says: 'The body is not valid JSON.',
      },
      {
        name: 'a JSON array',
        body: () => `[${ACTIVITY}]`,
        headers: JSON_TYPE,
        status: 400,
        says: 'The body must be a JSON object (a Bot Framework activity).',
      },
      {
        name: 'a JSON string',
        body: () => '"help"',
        headers: JSON_TYPE,
        status: 400,
        says: 'The body must be a JSON object',
      },
      {
        name: 'a 300 KB body with its Content-Length',
        body: () => JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) }),
        headers: JSON_TYPE,
        status: 413,
        says: 'The body is larger than 262144 bytes.',
      },
      {
        // Big enough to be still arriving when the server refuses it: the refusal must not break the connection.
        name: 'a 2 MB body sent chunked, without Content-Length',
        body: () => chunkedBody(200, 10 * 1024),
        headers: JSON_TYPE,
        status: 413,
        says: 'The body is larger than 262144 bytes.',
      },
      {
        name: 'an activity sent as text/plain',
        body: () => ACTIVITY,
        headers: { 'content-type': 'text/plain' },
        status: 415,
        says: 'Content-Type must be application/json.',
      },
      {
        name: 'an activity without a Content-Type',
        body: () => new TextEncoder().encode(ACTIVITY),
        headers: {},
        status: 415,
        says: 'Content-Type must be application/json.',
      },
      {
        name: 'an activity without a type',
        body: () => JSON.stringify({ text: 'help', channelId: 'msteams' }),
        headers: JSON_TYPE,
        status: 400,
        says: 'The activity has no "type"',
      },
    ];

    for (const c of cases) {
      it(`${c.name} → ${c.status} "${c.says}"`, async () => {
        const sentBefore = h.connector.calls.length;
        const answer = await client.post(c.body(), c.headers);
        expect(answer.status).to.equal(c.status);
        expect(answer.error).to.include(c.says);
        expect(h.connector.calls.length, 'the bot must not have replied').to.equal(sentBefore);
        await expectStillServing();
      });
    }

    it('a header block over 16 KB → 431, and nothing else breaks', async () => {
      const answer = await client.post(ACTIVITY, {
        ...JSON_TYPE,
        'x-padding': 'a'.repeat(20_000),
      });
      expect(answer.status).to.equal(431);
      await expectStillServing();
    });
  });

  describe('clients that stall', () => {
    it('the server is built with header, request and keep-alive timeouts', () => {
      const http = h.app.server.server;
      expect(http.headersTimeout).to.be.greaterThan(0);
      expect(http.requestTimeout).to.be.greaterThan(0);
      expect(http.headersTimeout).to.be.at.most(http.requestTimeout);
      expect(http.keepAliveTimeout).to.be.greaterThan(0);
    });

    /** Stalls with the timeouts shortened (Node reads them at every check), then puts them back. */
    async function stallWithShortTimeouts(bytes: string): Promise<string> {
      const http = h.app.server.server;
      const saved = { headers: http.headersTimeout, request: http.requestTimeout };
      http.headersTimeout = 300;
      http.requestTimeout = 600;
      try {
        return (await stallUntilClosed(h.url, bytes)).received;
      } finally {
        http.headersTimeout = saved.headers;
        http.requestTimeout = saved.request;
      }
    }

    const stalls = [
      {
        name: 'headers that never finish',
        logged: undefined,
        bytes: 'POST /api/messages HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\n',
      },
      {
        name: 'a body that stops after 10 of its 100 bytes',
        bytes:
          'POST /api/messages HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\n' +
          'Content-Length: 100\r\n\r\n{"type":"m',
        // The handler was already waiting for this body: operators see why it never got one.
        logged: 'http.aborted',
      },
    ];
    for (const s of stalls) {
      it(`${s.name}: the server answers 408 and closes the connection`, async () => {
        const logsBefore = h.logs.length;
        expect(await stallWithShortTimeouts(s.bytes)).to.match(/^HTTP\/1\.1 408 /);
        if (s.logged)
          expect(h.logs.slice(logsBefore).join('\n')).to.include(`"event":"${s.logged}"`);
        await expectStillServing();
      });
    }
  });

  describe('forged card data', () => {
    const seed = demoSeed();
    const bobCaller: Caller = person(seed, 'bob');
    let subscriptionId = '';
    let raj: TeamsUser;

    /** What an operator would check: nothing about Bob's subscription moved. */
    async function bobsSubscription(): Promise<unknown> {
      const view = await h.app.domain.buyers.subscription(bobCaller, subscriptionId);
      if (!view.ok) throw new Error(`Bob lost his subscription: ${JSON.stringify(view)}`);
      const v = view.value;
      return {
        status: v.status,
        quantity: v.quantity,
        assigned: v.assignedUsers.map((u) => u.upn),
        recurringBilling: v.recurringBilling,
        orders: v.orders.length,
      };
    }

    function click(user: TeamsUser, verb: string, data: Record<string, unknown>) {
      return user.send({
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data } },
      });
    }

    before(async () => {
      const checkout = cardWith((await bob.say('buy 5 power bi pro')).replies, 'Checkout');
      const receipt = invokeCard(
        await bob.execute(checkout, 'Confirm and pay $70.00', {
          cardNumber: '5555 5555 5555 4444',
          cardExpiry: '12/30',
          cardCvc: '123',
          cardHolder: 'Bob Brown',
        }),
      );
      expect(cardText(receipt)).to.include('Thank you! You bought Power BI Pro');
      const mine = await h.app.domain.buyers.myPurchases(bobCaller);
      if (!mine.ok || !mine.value[0]) throw new Error('Bob has no subscription');
      subscriptionId = mine.value[0].id;
      raj = h.user('raj', { tenant: 'Fabrikam India' });
    });

    const otherTenant = [
      { verb: 'licenses.assign', data: { others: 'raj@fabrikam.co.in' } },
      { verb: 'cancel.confirm', data: {} },
      { verb: 'quantity.change', data: { quantity: '50' } },
    ];
    for (const c of otherTenant) {
      it(`${c.verb} on another tenant's subscription: "not found", no details, nothing changed`, async () => {
        const before = await bobsSubscription();
        const answer = await click(raj, c.verb, {
          ...c.data,
          subscriptionId,
          actionId: randomUUID(),
        });
        expect(answer.status).to.equal(200);
        const card = invokeCard(answer);
        expect(cardText(card)).to.include("I couldn't find that subscription among yours.");
        const everything = JSON.stringify(card);
        for (const detail of ['Power BI Pro', 'Bob', 'bob@contoso.com', '$70.00', '$14.00'])
          expect(everything).not.to.include(detail);
        expect(cardText(card)).not.to.match(/\b5\b/);
        expect(await bobsSubscription()).to.deep.equal(before);
      });
    }

    it('an unknown verb gets a card naming the button', async () => {
      const card = invokeCard(await click(raj, 'admin.nuke', { subscriptionId }));
      expect(cardText(card)).to.include('This button ("admin.nuke") isn\'t one I know.');
    });

    const misfits = [
      {
        name: 'a negative quantity',
        verb: 'quantity.change',
        data: { quantity: -5 },
        en: "This button sent data I can't use (New total number of licenses: must be at least 1).",
        sv: 'Knappen skickade uppgifter som jag inte kan använda (Nytt totalt antal licenser: måste vara minst 1).',
      },
      {
        name: 'a quantity over the maximum',
        verb: 'quantity.change',
        data: { quantity: '20000' },
        en: "This button sent data I can't use (New total number of licenses: must be at most 10,000).",
        sv: 'Knappen skickade uppgifter som jag inte kan använda (Nytt totalt antal licenser: får vara högst 10\u00a0000).',
      },
      {
        name: 'a quantity that is not a number',
        verb: 'quantity.change',
        data: { quantity: 'many' },
        en: "This button sent data I can't use (New total number of licenses: not a number).",
        sv: 'Knappen skickade uppgifter som jag inte kan använda (Nytt totalt antal licenser: inte ett tal).',
      },
      {
        name: 'an actionId that is not a uuid',
        verb: 'cancel.confirm',
        data: { actionId: 'not-a-uuid' },
        en: "This button sent data I can't use (Button: it doesn't come from a message I sent).",
        sv: 'Knappen skickade uppgifter som jag inte kan använda (Knapp: den kommer inte från ett meddelande som jag har skickat).',
      },
      {
        name: 'no subscription at all',
        verb: 'cancel.confirm',
        data: { subscriptionId: undefined },
        en: "This button sent data I can't use (Subscription: missing).",
        sv: 'Knappen skickade uppgifter som jag inte kan använda (Prenumeration: saknas).',
      },
    ];
    for (const m of misfits) {
      for (const language of ['en', 'sv'] as const) {
        it(`${m.name} from the owner (${language}) names the field and the problem in that language, and nothing changes`, async () => {
          const owner = language === 'sv' ? h.user('bob', { locale: 'sv-SE' }) : bob;
          const before = await bobsSubscription();
          const answer = await click(owner, m.verb, {
            subscriptionId,
            actionId: randomUUID(),
            ...m.data,
          });
          expect(answer.status).to.equal(200);
          const text = cardText(invokeCard(answer)).replace(/\u202f/g, '\u00a0');
          expect(text).to.include(m[language]);
          // Neither zod's English nor the internal field name reaches the person.
          for (const internal of [
            'quantity:',
            'actionId',
            'subscriptionId',
            'must be',
            'not one this bot',
          ])
            if (language === 'sv') expect(text).not.to.include(internal);
          expect(text).not.to.match(/\((quantity|actionId|subscriptionId):/);
          expect(await bobsSubscription()).to.deep.equal(before);
        });
      }
    }
  });

  describe('secrets never reach the chat or the logs', () => {
    it('a real (non-test) card number is refused and appears nowhere', async () => {
      const alice = h.user('alice');
      const checkout = cardWith((await alice.say('buy 2 power bi pro')).replies, 'Checkout');
      const answer = await alice.execute(checkout, 'Confirm and pay $28.00', {
        cardNumber: '4111 1111 1111 1111',
        cardExpiry: '12/30',
        cardCvc: '123',
        cardHolder: 'Alice Anderson',
      });
      const card = invokeCard(answer);
      expect(cardText(card)).to.include('This app uses a simulated payment provider');
      expect(JSON.stringify(card)).not.to.match(CARD_4111);
      expect(JSON.stringify(h.connector.all())).not.to.match(CARD_4111);
      expect(h.logs.join('\n')).not.to.match(CARD_4111);
    });

    it('in local mode an invalid Authorization header is ignored, and never logged', async () => {
      const signature = randomUUID();
      const token = `eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJodHRwczovL2F0dGFja2VyIn0.${signature}`;
      const sentBefore = h.connector.calls.length;
      const answer = await client.post(messageFrom(bob, 'help'), {
        ...JSON_TYPE,
        authorization: `Bearer ${token}`,
      });
      expect(answer.status).to.equal(200);
      const replies = h.connector.calls.slice(sentBefore).map((c) => c.activity);
      expect(cardText(cardWith(replies, 'What I can do'))).to.include('Ask me in plain words');
      expect(h.logs.join('\n')).not.to.include(signature);
      expect(h.logs.join('\n')).not.to.include('eyJhbGciOiJIUzI1NiJ9');
    });
  });
});
