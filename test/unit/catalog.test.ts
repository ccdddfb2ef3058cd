// The product catalog of domain.md §5: ids, legacy ids (S-16), forgiving names, prices, markets and free trials.

import { expect } from 'chai';
import { findProduct, findProductById } from '../../services/catalog/catalog.js';
import {
  IN_SCOPE_PRODUCTS,
  POLICY_PRODUCTS,
  unitPriceAt,
} from '../../services/catalog/products.js';
import { buy, fixture, NOT_SOLD, POLICY_IDS, PRODUCT } from '../helpers/domainFixture.js';

/** The name a lookup settled on, the names it offers instead, or nothing. */
function answer(text: string): string {
  const lookup = findProduct(text);
  if (lookup.kind === 'found') return lookup.product.name;
  const names = lookup.kind === 'ambiguous' ? lookup.candidates : lookup.suggestions;
  return `${lookup.kind}: ${names.map((p) => p.name).join(' | ')}`;
}

describe('catalog', () => {
  describe('lookup by product id', () => {
    const ids: [string, string, string, boolean][] = [
      // typed, current id shown, name, came through a legacy id
      ['CFQ7TTC0H9MP', PRODUCT.powerBiPro, 'Power BI Pro', false],
      ['cfq7ttc0h9mp', PRODUCT.powerBiPro, 'Power BI Pro', false],
      ['  CFQ7TTC0HD33 ', PRODUCT.visioPlan1, 'Visio Plan 1', false],
      ['CFQ7TTC0L3PB', PRODUCT.powerBiPro, 'Power BI Pro', true],
      ['CFQ7TTC0KXG7', PRODUCT.powerBiPremium, 'Power BI Premium Per User', true],
      ['CFQ7TTC0KP0P', PRODUCT.powerApps, 'Power Apps per user', true],
      ['CFQ7TTC0KP0N', PRODUCT.powerAutomate, 'Power Automate per user', true],
      ['CFQ7TTC0KXG6', PRODUCT.powerAutomateRpa, 'Power Automate RPA', true],
      ['CFQ7TTC0KXND', PRODUCT.projectPlan1, 'Project Plan 1', true],
      ['CFQ7TTC0KXNC', PRODUCT.projectPlan3, 'Project Plan 3', true],
      ['CFQ7TTC0KXN9', PRODUCT.visioPlan1, 'Visio Plan 1', true],
      ['cfq7ttc0kxn8', PRODUCT.visioPlan2, 'Visio Plan 2', true],
    ];
    for (const [typed, currentId, name, legacy] of ids) {
      it(`${JSON.stringify(typed)} is ${name}, shown as ${currentId}`, () => {
        const lookup = findProduct(typed);
        expect(lookup.kind).to.equal('found');
        if (lookup.kind !== 'found') return;
        expect(lookup.product.name).to.equal(name);
        expect(lookup.product.productId).to.equal(currentId);
        expect(lookup.viaLegacyId).to.equal(legacy);
        expect(findProductById(typed)?.productId).to.equal(currentId);
      });
    }

    it('an id nobody sells is unknown to the cmdlet lookup', () => {
      expect(findProductById('CFQ7TTC0XXXX')).to.equal(undefined);
    });
  });

  describe('lookup by name', () => {
    const names: [string, string][] = [
      ['power bi pro', 'Power BI Pro'],
      ['Power BI Pro', 'Power BI Pro'],
      ['visio 2', 'Visio Plan 2'],
      ['Visio Plan 2', 'Visio Plan 2'],
      ['visio plan II', 'Visio Plan 2'],
      ['"Visio Plan 1"', 'Visio Plan 1'],
      ['Power Apps', 'Power Apps per user'],
      ['Power Apps Premium', 'Power Apps per user'],
      ['power automate', 'Power Automate per user'],
      ['Power Automate attended RPA', 'Power Automate RPA'],
      ['planner plan 1', 'Project Plan 1'],
      ['Project Plan Three', 'Project Plan 3'],
      ['PPU', 'Power BI Premium Per User'],
      ['Power BI Premium', 'Power BI Premium Per User'],
      // One typo in a word of five letters or more is forgiven.
      ['Vizio Plan 2', 'Visio Plan 2'],
      ['Powerr BI Pro', 'Power BI Pro'],
      // Known but not sold here: found, so the bot can say it is out of scope.
      ['copilot', 'Microsoft 365 Copilot'],
    ];
    for (const [typed, name] of names) {
      it(`${JSON.stringify(typed)} finds ${name}`, () => {
        expect(answer(typed)).to.equal(name);
      });
    }

    it('"copilot" is found but is not one of the products this bot sells', () => {
      const lookup = findProduct('copilot');
      expect(lookup.kind === 'found' && lookup.product.inScope).to.equal(false);
    });

    const ambiguous: [string, string[]][] = [
      ['power bi', ['Power BI Pro', 'Power BI Premium Per User']],
      ['visio', ['Visio Plan 1', 'Visio Plan 2']],
      ['project', ['Project Plan 1', 'Project Plan 3']],
    ];
    for (const [typed, candidates] of ambiguous) {
      it(`${JSON.stringify(typed)} is ambiguous and offers ${candidates.join(' and ')}`, () => {
        expect(answer(typed)).to.equal(`ambiguous: ${candidates.join(' | ')}`);
      });
    }

    const unknown: [string, string][] = [
      // A four-letter word is not typo-corrected, but the product it resembles is suggested.
      ['powr apps', 'notFound: Power Apps per user'],
      ['excel macros', 'notFound: Python in Excel'],
      ['sharepoint', 'notFound: '],
      ['', 'notFound: '],
      ['!!!', 'notFound: '],
    ];
    for (const [typed, expected] of unknown) {
      it(`${JSON.stringify(typed)} is not found (${expected})`, () => {
        expect(answer(typed)).to.equal(expected);
      });
    }
  });

  describe('the nine products this bot sells', () => {
    // name, current id, no-payment trial (§5, 2024 doc), blocked countries, list price in cents
    const table: [string, string, boolean, string[], number][] = [
      ['Power BI Pro', PRODUCT.powerBiPro, false, ['IN'], 1400],
      ['Power BI Premium Per User', PRODUCT.powerBiPremium, false, ['IN'], 2400],
      ['Power Apps per user', PRODUCT.powerApps, false, ['IN'], 2000],
      ['Power Automate per user', PRODUCT.powerAutomate, false, ['IN'], 1500],
      ['Power Automate RPA', PRODUCT.powerAutomateRpa, false, ['IN'], 4000],
      ['Project Plan 1', PRODUCT.projectPlan1, true, ['IN', 'BR', 'CD'], 1000],
      ['Project Plan 3', PRODUCT.projectPlan3, false, ['IN', 'BR', 'CD'], 3000],
      ['Visio Plan 1', PRODUCT.visioPlan1, true, ['IN', 'BR', 'CD'], 500],
      ['Visio Plan 2', PRODUCT.visioPlan2, false, ['IN', 'BR', 'CD'], 1500],
    ];

    it('are exactly these nine, in catalog order', () => {
      expect(IN_SCOPE_PRODUCTS.map((p) => p.name)).to.deep.equal(table.map(([name]) => name));
    });

    for (const [name, id, freeTrial, blocked, cents] of table) {
      it(`${name}: ${id}, no-payment trial ${freeTrial ? 'yes' : 'no'}, not sold in ${blocked.join(', ')}, ${cents} cents`, () => {
        const product = IN_SCOPE_PRODUCTS.find((p) => p.name === name);
        expect(product?.productId).to.equal(id);
        expect(product?.trialWithoutPaymentMethod).to.equal(freeTrial);
        expect([...(product?.blockedCountries ?? [])].sort()).to.deep.equal([...blocked].sort());
        expect(product && unitPriceAt(product, new Date('2026-03-02T00:00:00Z'))).to.equal(cents);
      });
    }
  });

  describe('the products the AllowSelfServicePurchase policy covers (§5, the 2024 list)', () => {
    it('are the nine, then the eight this bot does not sell, in catalog order', () => {
      expect(POLICY_PRODUCTS.map((p) => p.productId)).to.deep.equal(POLICY_IDS);
      expect(POLICY_PRODUCTS.slice(0, 9)).to.deep.equal(IN_SCOPE_PRODUCTS);
    });

    for (const [name, id, freeTrial] of NOT_SOLD) {
      it(`${name}: ${id}, not sold here, no-payment trial ${freeTrial ? 'yes' : 'no'}, no price`, () => {
        const product = POLICY_PRODUCTS.find((p) => p.productId === id);
        expect(product?.name).to.equal(name);
        expect(product?.inScope).to.equal(false);
        expect(product?.trialWithoutPaymentMethod).to.equal(freeTrial);
        expect(product && unitPriceAt(product, new Date('2026-03-02T00:00:00Z'))).to.equal(
          undefined,
        );
      });
    }
  });

  describe('prices change over time', () => {
    const prices: [string, string, number][] = [
      [PRODUCT.powerBiPro, '2025-03-31T23:59:59.999Z', 1000],
      [PRODUCT.powerBiPro, '2025-04-01T00:00:00.000Z', 1400],
      [PRODUCT.powerBiPremium, '2025-03-31T23:59:59.999Z', 2000],
      [PRODUCT.powerBiPremium, '2025-04-01T00:00:00.000Z', 2400],
      [PRODUCT.powerApps, '2024-01-01T00:00:00.000Z', 2000],
    ];
    for (const [id, at, cents] of prices) {
      it(`${findProductById(id)?.name} costs ${cents} cents at ${at}`, () => {
        const product = findProductById(id);
        expect(product && unitPriceAt(product, new Date(at))).to.equal(cents);
      });
    }

    it('a product this bot does not sell has no price', () => {
      const copilot = findProductById(PRODUCT.copilot);
      expect(copilot && unitPriceAt(copilot, new Date('2026-03-02T00:00:00Z'))).to.equal(undefined);
    });

    const checkouts: [string, number][] = [
      ['2025-03-15T09:00:00.000Z', 3000],
      ['2026-03-02T09:00:00.000Z', 4200],
    ];
    for (const [start, total] of checkouts) {
      it(`three Power BI Pro licenses bought on ${start.slice(0, 10)} are charged ${total} cents`, async () => {
        const f = fixture({ start });
        const receipt = await buy(f, f.as('alice'), PRODUCT.powerBiPro, 3);
        expect(receipt.totalCents).to.equal(total);
        expect(receipt.unitPriceCents).to.equal(total / 3);
      });
    }
  });
});
