// The intent table, word by word: a rule that starts with a word ("buy", "trial", "check") takes only that word,
// never the start of a longer one ("buys", "purchases", "trials", "checkout"); any typed number is a number.

import { expect } from 'chai';
import { recognize, type Intent } from '../../dialogs/intents.js';
import { recognizeAdmin } from '../../dialogs/admin/adminIntents.js';

const MINE: Intent = { kind: 'myPurchases' };

describe('reading what people type: whole words only', () => {
  const table: readonly [language: string, text: string, intent: Intent][] = [
    ['en', 'purchases', MINE],
    ['en', 'Purchases?', MINE],
    ['en', 'my purchases', MINE],
    ['en', 'orders', MINE],
    ['en', 'my orders', MINE],
    ['en', 'show me my orders', MINE],
    ['en', 'subscriptions', MINE],
    ['sv', 'mina köp', MINE],
    ['sv', 'visa mina köp', MINE],
    ['sv', 'inköp', MINE],
    ['sv', 'mina inköp', MINE],
    ['sv', 'beställningar', MINE],
    ['sv', 'mina beställningar', MINE],
    ['sv', 'prenumerationer', MINE],
    // The words that start a flow still do, alone or followed by what they apply to.
    ['en', 'buy', { kind: 'buy', product: undefined }],
    ['en', 'purchase', { kind: 'buy', product: undefined }],
    ['en', 'order 2 visio plan 2', { kind: 'buy', quantity: 2, product: 'visio plan 2' }],
    ['sv', 'köp', { kind: 'buy', product: undefined }],
    ['sv', 'beställ Visio Plan 2', { kind: 'buy', product: 'Visio Plan 2' }],
    ['sv', 'köpa 3 Visio Plan 2', { kind: 'buy', quantity: 3, product: 'Visio Plan 2' }],
    ['en', 'trial', { kind: 'trial', product: undefined }],
    ['en', 'try Visio Plan 2', { kind: 'trial', product: 'Visio Plan 2' }],
    ['sv', 'provperiod av Visio Plan 2', { kind: 'trial', product: 'Visio Plan 2' }],
    ['en', 'check Visio Plan 2', { kind: 'eligibility', product: 'Visio Plan 2' }],
    ['en', 'request license Visio Plan 2', { kind: 'requestLicense', product: 'Visio Plan 2' }],
    ['en', 'request licenses for Visio', { kind: 'requestLicense', product: 'Visio' }],
    ['sv', 'begär licens för Visio', { kind: 'requestLicense', product: 'Visio' }],
    ['sv', 'begär licenser för Visio', { kind: 'requestLicense', product: 'Visio' }],
    // A longer word is not the rule's word followed by the rest of it as a product.
    ['en', 'buys', { kind: 'unknown', text: 'buys' }],
    ['en', 'ordered', { kind: 'unknown', text: 'ordered' }],
    ['en', 'trials', { kind: 'unknown', text: 'trials' }],
    ['en', 'tryout', { kind: 'unknown', text: 'tryout' }],
    ['en', 'checkout', { kind: 'unknown', text: 'checkout' }],
    ['sv', 'köpt', { kind: 'unknown', text: 'köpt' }],
    ['sv', 'provperioder', { kind: 'unknown', text: 'provperioder' }],
    ['sv', 'testar', { kind: 'unknown', text: 'testar' }],
    ['sv', 'kontrollerade', { kind: 'unknown', text: 'kontrollerade' }],
  ];
  for (const [language, text, intent] of table) {
    it(`"${text}" (${language})`, () => {
      expect(recognize(text)).to.deep.equal(intent);
    });
  }
});

describe('reading typed numbers of any size', () => {
  const more = (quantity: number, product: string): Intent => ({
    kind: 'changeQuantity',
    change: 'more',
    quantity,
    product,
  });
  const fewer = (quantity: number, product: string): Intent => ({
    kind: 'changeQuantity',
    change: 'fewer',
    quantity,
    product,
  });
  const table: readonly [language: string, text: string, intent: Intent][] = [
    ['en', 'buy 1000000 more Power BI Pro', more(1_000_000, 'Power BI Pro')],
    ['en', 'buy 9999 more Power BI Pro', more(9999, 'Power BI Pro')],
    ['en', 'buy 0 more Power BI Pro', more(0, 'Power BI Pro')],
    ['sv', 'köp 1000000 fler Power BI Pro', more(1_000_000, 'Power BI Pro')],
    ['sv', 'köp 1000000 fler licenser av Visio', more(1_000_000, 'Visio')],
    ['en', 'add 1000000 licenses to Power BI Pro', more(1_000_000, 'Power BI Pro')],
    ['en', 'remove 1000000 Power BI Pro', fewer(1_000_000, 'Power BI Pro')],
    ['en', 'remove 1000000 Power BI Pro licenses', fewer(1_000_000, 'Power BI Pro')],
    ['sv', 'ta bort 1000000 Power BI Pro', fewer(1_000_000, 'Power BI Pro')],
    ['en', 'remove 0 Power BI Pro', fewer(0, 'Power BI Pro')],
    [
      'en',
      'buy 1000000 Power BI Pro',
      { kind: 'buy', quantity: 1_000_000, product: 'Power BI Pro' },
    ],
    [
      'sv',
      'köp 1000000 Visio Plan 2',
      { kind: 'buy', quantity: 1_000_000, product: 'Visio Plan 2' },
    ],
  ];
  for (const [language, text, intent] of table) {
    it(`"${text}" (${language})`, () => {
      expect(recognize(text)).to.deep.equal(intent);
    });
  }
});

describe('admin purchase filters, in any order', () => {
  type Read = Pick<
    Extract<ReturnType<typeof recognizeAdmin>, { kind: 'purchases' }>,
    'filter' | 'productText'
  >;
  const purchases = (text: string): Read => {
    const intent = recognizeAdmin(text);
    if (intent?.kind !== 'purchases' && intent?.kind !== 'export') {
      throw new Error(`"${text}" is not a purchases command: ${JSON.stringify(intent)}`);
    }
    return { filter: intent.filter, productText: intent.productText };
  };
  const table: readonly [text: string, read: Read][] = [
    // README's own example, and the same filters in other orders.
    [
      'purchases visio plan 2 by alice expired',
      { filter: { purchaser: 'alice', status: 'Expired' }, productText: 'visio plan 2' },
    ],
    [
      'purchases visio plan 2 by bob active',
      { filter: { purchaser: 'bob', status: 'Active' }, productText: 'visio plan 2' },
    ],
    [
      'purchases by bob active visio plan 2',
      { filter: { purchaser: 'bob', status: 'Active' }, productText: 'visio plan 2' },
    ],
    [
      'purchases active by bob visio plan 2',
      { filter: { purchaser: 'bob', status: 'Active' }, productText: 'visio plan 2' },
    ],
    ['purchases by bob deleted', { filter: { purchaser: 'bob', status: 'Deleted' } }],
    [
      'purchases by Bob Brown central left',
      { filter: { purchaser: 'Bob Brown', channel: 'Central', purchaserLeft: true } },
    ],
    [
      'purchases by bob@contoso.com expired power bi pro',
      { filter: { purchaser: 'bob@contoso.com', status: 'Expired' }, productText: 'power bi pro' },
    ],
    [
      'all purchases power bi pro by Bob Brown',
      { filter: { purchaser: 'Bob Brown' }, productText: 'power bi pro' },
    ],
    ['purchases active', { filter: { status: 'Active' } }],
    ['purchases left', { filter: { purchaserLeft: true } }],
    [
      'export purchases by bob deleted visio plan 2',
      { filter: { purchaser: 'bob', status: 'Deleted' }, productText: 'visio plan 2' },
    ],
    [
      'alla köp visio plan 2 av bob utgångna',
      { filter: { purchaser: 'bob', status: 'Expired' }, productText: 'visio plan 2' },
    ],
    [
      'alla köp av Bob Brown aktiva power bi pro',
      { filter: { purchaser: 'Bob Brown', status: 'Active' }, productText: 'power bi pro' },
    ],
    ['inköp från bob borttagna', { filter: { purchaser: 'bob', status: 'Deleted' } }],
  ];
  for (const [text, read] of table) {
    it(`"${text}"`, () => {
      const got = purchases(text);
      expect(got.filter).to.deep.equal(read.filter);
      expect(got.productText).to.equal(read.productText);
    });
  }
});
