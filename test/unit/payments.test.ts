// The simulated card provider and the billing profile: test cards, declines, tokens, and no card data kept.

import { expect } from 'chai';
import { TEST_CARDS, passesLuhn } from '../../services/payments/testCards.js';
import { SimulatedCardProvider } from '../../services/payments/simulatedCardProvider.js';
import { MemoryAtomicStore } from '../../services/store/memoryStore.js';
import { Records } from '../../services/store/records.js';
import { SettableClock } from '../../services/clock.js';
import { addCard, expectOk, fixture, refusalCode } from '../helpers/domainFixture.js';

function provider(): { provider: SimulatedCardProvider; records: Records; clock: SettableClock } {
  const records = new Records(new MemoryAtomicStore());
  const clock = new SettableClock('2026-03-02T09:00:00Z');
  return { provider: new SimulatedCardProvider(records, clock), records, clock };
}

const card = (
  number: string,
  extra: Partial<{ expiryMonth: number; expiryYear: number; cvc: string; holder: string }> = {},
) => ({
  number,
  expiryMonth: 12,
  expiryYear: 2030,
  cvc: number.length === 15 ? '1234' : '123',
  holder: 'Bob Brown',
  ...extra,
});

describe('payments', () => {
  it('every published test number passes Luhn', () => {
    for (const c of TEST_CARDS) expect(passesLuhn(c.number), c.number).to.equal(true);
    expect(passesLuhn('4242424242424241')).to.equal(false);
  });

  describe('tokenize refuses with a reason and never echoes the number', () => {
    const cases: { name: string; input: ReturnType<typeof card>; reason: string }[] = [
      { name: 'a number failing Luhn', input: card('4242424242424241'), reason: 'number' },
      { name: 'letters', input: card('4242abcd42424242'), reason: 'number' },
      {
        name: 'a valid real-looking number that is not a test card',
        input: card('4111111111111111'),
        reason: 'notATestCard',
      },
      {
        name: 'an expired card',
        input: card('4242424242424242', { expiryMonth: 2, expiryYear: 2026 }),
        reason: 'expired',
      },
      { name: 'month 13', input: card('4242424242424242', { expiryMonth: 13 }), reason: 'expiry' },
      {
        name: 'a short security code',
        input: card('4242424242424242', { cvc: '12' }),
        reason: 'cvc',
      },
      {
        name: 'Amex with a 3-digit code',
        input: card('378282246310005', { cvc: '123' }),
        reason: 'cvc',
      },
      {
        name: 'no holder name',
        input: card('4242424242424242', { holder: ' ' }),
        reason: 'holder',
      },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const result = await provider().provider.tokenize(c.input);
        expect(result.ok).to.equal(false);
        if (!result.ok) {
          expect(result.refusal.code).to.equal('CARD_INVALID');
          expect(result.refusal.facts.reason).to.equal(c.reason);
          expect(JSON.stringify(result.refusal)).not.to.include(
            c.input.number.replace(/\D/g, '').slice(0, 12),
          );
        }
      });
    }
  });

  it('a card valid through the end of its expiry month is accepted in that month', async () => {
    const result = await provider().provider.tokenize(
      card('4242424242424242', { expiryMonth: 3, expiryYear: 2026 }),
    );
    expect(result.ok).to.equal(true);
  });

  it('returns a token with brand, kind and last 4 digits only', async () => {
    const tokenized = expectOk(await provider().provider.tokenize(card('4000 0566 5566 5556')));
    expect(tokenized).to.include({
      brand: 'Visa',
      kind: 'DebitCard',
      last4: '5556',
      holder: 'Bob Brown',
    });
    expect(tokenized.token).to.match(/^tok_/);
    expect(Object.keys(tokenized)).not.to.include('cvc');
  });

  describe('charges succeed on success cards and decline with the documented reason', () => {
    for (const test of TEST_CARDS) {
      it(`${test.number} ${test.declineCode ?? 'succeeds'}`, async () => {
        const { provider: p } = provider();
        const tokenized = expectOk(await p.tokenize(card(test.number)));
        const charge = await p.charge({
          token: tokenized.token,
          amountCents: 1400,
          idempotencyKey: 'k1',
          description: 't',
        });
        expect(charge.status).to.equal(test.declineCode ? 'declined' : 'succeeded');
        expect(charge.declineCode).to.equal(test.declineCode);
      });
    }
  });

  it('the same idempotency key charges once', async () => {
    const { provider: p } = provider();
    const tokenized = expectOk(await p.tokenize(card('4242424242424242')));
    const request = {
      token: tokenized.token,
      amountCents: 4200,
      idempotencyKey: 'order-1',
      description: 'x',
    };
    const [a, b] = await Promise.all([p.charge(request), p.charge(request)]);
    const c = await p.charge(request);
    expect(a.id).to.equal(b.id);
    expect(c.id).to.equal(a.id);
    expect(await p.transactionsFor(tokenized.token)).to.have.length(1);
  });

  it('a card that has expired by the time of a charge is declined as expired', async () => {
    const { provider: p, clock } = provider();
    const tokenized = expectOk(
      await p.tokenize(card('4242424242424242', { expiryMonth: 4, expiryYear: 2026 })),
    );
    clock.set('2026-05-01T00:00:00Z');
    const charge = await p.charge({
      token: tokenized.token,
      amountCents: 100,
      idempotencyKey: 'late',
      description: 'x',
    });
    expect(charge).to.include({ status: 'declined', declineCode: 'expired_card' });
  });

  it('the store never holds the card number or the security code', async () => {
    const store = new MemoryAtomicStore();
    const f = fixture({ store });
    await addCard(f, f.as('bob'), '4242 4242 4242 4242');
    await addCard(f, f.as('bob'), '3782 822463 10005');
    const everything = JSON.stringify([
      ...(store as unknown as { map: Map<string, string> }).map.values(),
    ]);
    expect(everything).not.to.include('4242424242424242');
    expect(everything).not.to.include('378282246310005');
    expect(everything).not.to.match(/"cvc"/);
    expect(everything).to.match(/last4[^0-9]+4242/);
  });

  it('the same card entered twice is kept once in the billing profile', async () => {
    const f = fixture();
    const bob = f.as('bob');
    const first = await addCard(f, bob);
    const second = await addCard(f, bob);
    expect(second.cardId).to.equal(first.cardId);
    expect(await f.domain.paymentMethods.list(bob)).to.have.length(1);
  });

  it('invoice, wire and purchase order are refused with PAYMENT_METHOD_NOT_SUPPORTED', async () => {
    const f = fixture();
    for (const kind of [
      'Invoice',
      'WireTransfer',
      'PurchaseOrder',
      'Check',
      'BankTransfer',
    ] as const) {
      expect(refusalCode(await f.domain.paymentMethods.resolve(f.as('bob'), { kind }))).to.equal(
        'PAYMENT_METHOD_NOT_SUPPORTED',
      );
    }
  });
});
