// Money and calendar arithmetic: monthly terms (S-11), whole days and half-up proration to the cent.

import { expect } from 'chai';
import {
  addMonths,
  centsToDecimal,
  proratedCredit,
  wholeDaysBetween,
} from '../../services/money.js';

describe('money', () => {
  describe('a monthly term runs to the same date next month', () => {
    const cases: [string, string][] = [
      ['2026-03-02T09:00:00.000Z', '2026-04-02T09:00:00.000Z'],
      ['2026-01-31T10:00:00.000Z', '2026-02-28T10:00:00.000Z'],
      ['2028-01-31T10:00:00.000Z', '2028-02-29T10:00:00.000Z'],
      ['2026-12-15T00:00:00.000Z', '2027-01-15T00:00:00.000Z'],
    ];
    for (const [from, to] of cases) {
      it(`${from} + 1 month = ${to}`, () => {
        expect(addMonths(new Date(from), 1).toISOString()).to.equal(to);
      });
    }
  });

  it('counts whole days, rounding down, never negative', () => {
    expect(
      wholeDaysBetween(new Date('2026-03-01T00:00:00Z'), new Date('2026-03-03T23:59:59Z')),
    ).to.equal(2);
    expect(
      wholeDaysBetween(new Date('2026-03-03T00:00:00Z'), new Date('2026-03-01T00:00:00Z')),
    ).to.equal(0);
  });

  describe('prorated credit = licenses × price × whole days left ÷ days in term, half-up', () => {
    const start = new Date('2026-03-02T09:00:00Z');
    const end = new Date('2026-04-02T09:00:00Z'); // 31 days
    const cases: { name: string; licenses: number; price: number; now: string; credit: number }[] =
      [
        {
          name: 'on the first day, all 31 days',
          licenses: 2,
          price: 1400,
          now: '2026-03-02T09:00:00Z',
          credit: 2800,
        },
        // 30 whole days left: 1400 × 30 / 31 = 1354.838… -> 1355
        {
          name: 'one hour in: 30 whole days left',
          licenses: 1,
          price: 1400,
          now: '2026-03-02T10:00:00Z',
          credit: 1355,
        },
        // 5 × 999 × 25 / 31 = 4028.2258… -> 4028
        { name: 'six days in', licenses: 5, price: 999, now: '2026-03-08T09:00:00Z', credit: 4028 },
        // 1 × 31 × 15 / 31 = 15 exactly; 1 × 1 × 15 / 31 = 0.4838 -> 0; 1 × 1 × 16 / 31 = 0.516 -> 1
        {
          name: 'exact cents stay exact',
          licenses: 1,
          price: 31,
          now: '2026-03-18T09:00:00Z',
          credit: 15,
        },
        {
          name: 'half a cent or more rounds up',
          licenses: 1,
          price: 1,
          now: '2026-03-17T09:00:00Z',
          credit: 1,
        },
        {
          name: 'less than half a cent rounds down',
          licenses: 1,
          price: 1,
          now: '2026-03-18T09:00:00Z',
          credit: 0,
        },
        {
          name: 'after the end, nothing',
          licenses: 3,
          price: 1400,
          now: '2026-04-03T00:00:00Z',
          credit: 0,
        },
      ];
    for (const c of cases) {
      it(c.name, () => {
        expect(proratedCredit(c.licenses, c.price, start, end, new Date(c.now))).to.equal(c.credit);
      });
    }
  });

  it('formats cents as a decimal without floating point', () => {
    expect(centsToDecimal(4200)).to.equal('42.00');
    expect(centsToDecimal(5)).to.equal('0.05');
    expect(centsToDecimal(-1355)).to.equal('-13.55');
  });
});
