// Teams re-delivers a message with the same activity id: over HTTP, the second delivery is acknowledged and not
// answered, also when it reaches another bot instance sharing the SQLite file; handled messages are forgotten
// after the window, and the store does not keep them.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { DeliveredMessages, REDELIVERY_WINDOW_MS } from '../../bot/redelivery.js';
import { SettableClock } from '../../services/clock.js';
import { MemoryAtomicStore } from '../../services/store/memoryStore.js';
import { Records } from '../../services/store/records.js';
import { startBot, type Harness } from '../helpers/botHarness.js';
import { buyOverHttp } from '../helpers/checkout.js';
import { shown } from '../helpers/teamsUser.js';

describe('a message Teams delivers twice, over HTTP', () => {
  let h: Harness;
  before(async () => {
    h = await startBot();
    const bob = h.user('bob');
    await bob.install();
    await buyOverHttp(bob, '2 power bi pro', '$28.00');
  });
  after(async () => {
    await h.stop();
  });

  it('"3" at the quantity prompt, delivered twice: one checkout, then silence', async () => {
    const bob = h.user('bob');
    expect(shown((await bob.say('buy visio plan 2')).replies)).to.include('How many licenses');
    const three = { type: 'message', text: '3', id: 'redelivered-3' };
    const first = await bob.send(three);
    const again = await bob.send(three);
    expect(shown(first.replies)).to.include('Total today: $45.00');
    expect(again.status).to.equal(200);
    expect(again.replies).to.deep.equal([]);
  });

  it('"buy 2 more Power BI Pro", delivered twice, shows the form once', async () => {
    const bob = h.user('bob');
    const more = { type: 'message', text: 'buy 2 more Power BI Pro', id: 'redelivered-more' };
    const first = await bob.send(more);
    const again = await bob.send(more);
    expect(shown(first.replies)).to.include('Change the number of Power BI Pro licenses');
    expect(again.status).to.equal(200);
    expect(again.replies).to.deep.equal([]);
  });

  it('a typed assignment delivered twice assigns once and answers once', async () => {
    const bob = h.user('bob');
    const assign = {
      type: 'message',
      text: 'assign Power BI Pro to alice@contoso.com',
      id: 'redelivered-assign',
    };
    const first = await bob.send(assign);
    const again = await bob.send(assign);
    expect(shown(first.replies)).to.include('Done: Alice Anderson now has a license');
    expect(again.replies).to.deep.equal([]);
  });

  it('the same text with a new id is answered, and so is the same id in another conversation', async () => {
    const bob = h.user('bob');
    const invoices = { type: 'message', text: 'invoices', id: 'same-id-elsewhere' };
    expect(shown((await bob.send(invoices)).replies)).to.include('Your invoices');
    expect(shown((await bob.say('invoices')).replies)).to.include('Your invoices');
    const alice = h.user('alice');
    expect(shown((await alice.send(invoices)).replies)).to.include('Your invoices');
  });

  it('"hjälp" delivered twice in Swedish is answered once', async () => {
    const bob = h.user('bob', { locale: 'sv-SE' });
    const first = await bob.send({ type: 'message', text: 'hjälp', id: 'redelivered-sv' });
    const again = await bob.send({ type: 'message', text: 'hjälp', id: 'redelivered-sv' });
    expect(shown(first.replies)).to.include('Det här kan jag hjälpa till med');
    expect(again.replies).to.deep.equal([]);
  });
});

describe('a message delivered to two bot instances sharing one SQLite file', () => {
  let dir: string;
  let one: Harness;
  let two: Harness;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ssp-redelivery-'));
    const env = { STORE_URL: `sqlite://${join(dir, 'bot.sqlite')}` };
    one = await startBot(env);
    two = await startBot(env);
  });
  after(async () => {
    await one.stop();
    await two.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is answered by exactly one of them', async () => {
    for (let round = 0; round < 5; round += 1) {
      const activity = { type: 'message', text: 'my purchases', id: `shared-${round}` };
      const [a, b] = await Promise.all([
        one.user('bob').send(activity),
        two.user('bob').send(activity),
      ]);
      expect([a.status, b.status]).to.deep.equal([200, 200]);
      const answered = [a, b].filter((e) => e.replies.length > 0);
      expect(answered, `round ${round}`).to.have.length(1);
      expect(shown(answered[0]!.replies)).to.include("You haven't bought anything");
    }
  });

  it('one after the other: the second instance stays silent', async () => {
    const activity = { type: 'message', text: 'products', id: 'shared-sequential' };
    const a = await one.user('bob').send(activity);
    const b = await two.user('bob').send(activity);
    expect(shown(a.replies)).to.include('Products you can buy');
    expect(b.replies).to.deep.equal([]);
  });
});

describe('handled messages are forgotten after the window', () => {
  const message = (id: string, conversation = 'a:personal-bob') => ({
    type: 'message',
    id,
    conversation: { id: conversation, isGroup: false, conversationType: 'personal', name: '' },
  });

  it('a repeat within the window; a new delivery after it; the store keeps only the recent ones', async () => {
    const map = new Map<string, string>();
    const records = new Records(new MemoryAtomicStore(map));
    const clock = new SettableClock('2026-03-02T09:00:00Z');
    const delivered = new DeliveredMessages(records, clock);
    expect(await delivered.isRepeat(message('m-1'))).to.equal(false);
    expect(await delivered.isRepeat(message('m-1'))).to.equal(true);
    expect(await delivered.isRepeat(message('m-1', 'a:other'))).to.equal(false);
    expect(await delivered.isRepeat({ type: 'invoke', id: 'm-1' })).to.equal(false);
    clock.advance(REDELIVERY_WINDOW_MS - 1000);
    expect(await delivered.isRepeat(message('m-1'))).to.equal(true);
    for (let i = 0; i < 50; i += 1) {
      clock.advance(REDELIVERY_WINDOW_MS / 5);
      expect(await delivered.isRepeat(message(`later-${i}`))).to.equal(false);
    }
    // m-1 and every message older than the window are gone: what is left is at most one window's messages.
    const keys = [...map.keys()].filter((k) => k.includes('delivered:') && !k.includes(':slice'));
    expect(keys.length).to.be.at.most(7);
    expect(await delivered.isRepeat(message('m-1'))).to.equal(false);
    expect(await delivered.isRepeat(message('later-49'))).to.equal(true);
  });

  it('two instances over one store agree which one handles a message', async () => {
    const map = new Map<string, string>();
    const clock = new SettableClock('2026-03-02T09:00:00Z');
    const first = new DeliveredMessages(new Records(new MemoryAtomicStore(map)), clock);
    const second = new DeliveredMessages(new Records(new MemoryAtomicStore(map)), clock);
    const answers = await Promise.all([
      first.isRepeat(message('both')),
      second.isRepeat(message('both')),
    ]);
    expect(answers.filter((repeat) => !repeat)).to.have.length(1);
  });
});
