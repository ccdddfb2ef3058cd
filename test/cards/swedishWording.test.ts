// The Swedish strings read as one voice (the bot says "jag" and "du"), use Microsoft's Swedish terms and Swedish quotes.

import { expect } from 'chai';
import sv from '../../locales/sv.json' with { type: 'json' };
import { Localizer } from '../../locales/localizer.js';

const entries = Object.entries(sv as Record<string, string>);

/** The keys whose Swedish text matches a pattern (Markdown code spans and {placeholders} left out). */
const keysMatching = (pattern: RegExp): string[] =>
  entries
    .filter(([, text]) => pattern.test(text.replace(/`[^`]*`|\{\w+\}/g, '')))
    .map(([key]) => key);

describe('Swedish wording', () => {
  it('uses Swedish quotation marks (”…”), not straight ones, around quoted words', () => {
    expect(keysMatching(/"/)).to.deep.equal([]);
  });

  it('says du, never ni/er, and speaks as jag rather than "vi hittade"', () => {
    expect(keysMatching(/\b(er|era|ert|ni)\b/i)).to.deep.equal([]);
    expect(keysMatching(/\bvi hittade\b|\bboten\b/i)).to.deep.equal([]);
  });

  it('uses Microsoft Swedish terms: arbets- eller skolkonto, beställning, provperiod för', () => {
    expect(keysMatching(/jobb-/)).to.deep.equal([]);
    expect(keysMatching(/\border\b/i)).to.deep.equal([]);
    expect(keysMatching(/provperiod\w* av\b/)).to.deep.equal([]);
    expect(keysMatching(/mejla|licensiera dig|spärrad/)).to.deep.equal([]);
  });

  it('names the free-trial button the same way everywhere, and writes kinds in lower case', () => {
    const t = new Localizer('sv-SE');
    expect(t.t('action.startFreeTrial')).to.equal(t.t('action.freeTrial'));
    for (const key of ['kind.Paid', 'kind.TrialNoPayment', 'kind.TrialWithPayment'] as const)
      expect(t.t(key), key).to.match(/^\p{Ll}/u);
  });

  it('quotes the setting a product was changed to', () => {
    const t = new Localizer('sv-SE');
    expect(
      t.t('policy.changed', { product: 'Visio Plan 2', value: t.t('policy.Disabled') }),
    ).to.equal('Visio Plan 2: ändrad till ”Tillåt inte”.');
    expect(t.t('audit.empty')).to.equal(
      'Inga principändringar ännu: alla produkter har standardvärdet ”Tillåt”.',
    );
  });
});
