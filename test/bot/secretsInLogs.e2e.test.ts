// A store that fails while someone pays: the error reaches the log, but no card token and no card number does.
// (Stopping Redis mid-payment once logged "creating pay:token:tok_…": store errors carried the record key, and the
// simulated provider's key carried the token.)

import { expect } from 'chai';
import sinon from 'sinon';
import { startBot, type Harness } from '../helpers/botHarness.js';
import { cardText, cardWith, invokeCard } from '../helpers/teamsUser.js';

describe('no card secrets in the logs when the store fails during a payment', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startBot();
  });
  afterEach(async () => {
    sinon.restore();
    await h.stop();
  });

  it('a write of the card token failing logs the operation and the kind of record, not the token or digits', async () => {
    const bob = h.user('bob');
    const checkout = cardWith((await bob.say('buy 2 power apps')).replies, 'Checkout');
    // The real SQLite store's own write fails underneath, as a dropped connection would make it.
    const store = h.app.domain.store as unknown as {
      rawInsert(physicalKey: string, serialized: string): Promise<boolean>;
    };
    const realInsert = store.rawInsert.bind(store);
    const keysWritten: string[] = [];
    sinon.stub(store, 'rawInsert').callsFake(async (physicalKey: string, serialized: string) => {
      keysWritten.push(physicalKey);
      if (physicalKey.includes('pay:token')) throw new Error('Connection is closed.');
      return realInsert(physicalKey, serialized);
    });

    const answer = await bob.execute(checkout, 'Confirm and pay $40.00', {
      cardNumber: '4242 4242 4242 4242',
      cardExpiry: '11/31',
      cardCvc: '321',
      cardHolder: 'Bob Brown',
    });

    expect(cardText(invokeCard(answer))).not.to.include('Thank you!');
    expect(keysWritten.some((k) => k.includes('pay:token'))).to.equal(true);
    // Keys never carry the token, so nothing built from a key can leak it.
    expect(keysWritten.join('\n')).not.to.include('tok_');
    const logs = h.logs.join('\n');
    expect(logs).to.include('creating a pay:token record');
    expect(logs).not.to.include('tok_');
    expect(logs).not.to.match(/4242\D?4242\D?4242\D?4242/);
    expect(logs).not.to.include('321"');
  });
});
