// Over HTTP: the AllowSelfServicePurchase policy covers every product of §5's 2024 list, not only the nine this bot
// sells. Admins turn Copilot and the others on and off in plain words (English and Swedish) and on the settings card;
// people still cannot buy them here (rule 6).

import { expect } from 'chai';
import { NOT_SOLD, POLICY_IDS } from '../helpers/domainFixture.js';
import { startBot, type Harness } from '../helpers/botHarness.js';
import { cardText, cardWith, invokeCard, type TeamsUser } from '../helpers/teamsUser.js';

type Card = Record<string, unknown>;

const COPILOT = 'CFQ7TTC0MM8R';
const TEAMS_EXPLORATORY = 'CFQ7TTC0J1FV';
const NAMES = [
  'Power BI Pro',
  'Power BI Premium Per User',
  'Power Apps per user',
  'Power Automate per user',
  'Power Automate RPA',
  'Project Plan 1',
  'Project Plan 3',
  'Visio Plan 1',
  'Visio Plan 2',
  ...NOT_SOLD.map(([name]) => name),
];
/** The products with a trial without payment method (§5), the only ones that take "Allow for trials only". */
const FREE_TRIAL = [
  'Project Plan 1',
  'Visio Plan 1',
  'Microsoft Purview Discovery',
  'Teams Exploratory',
  'Teams Premium Introductory Pricing',
  'Viva Goals',
];
/** What Teams accepts in one message (about 28 KB); the policy card must stay well under it. */
const TEAMS_MESSAGE_BYTES = 28 * 1024;

async function valueOf(h: Harness, productId: string): Promise<string> {
  const carol = h.user('carol')['o'].caller;
  const read = await h.app.domain.policies.getProductPolicy(carol, carol.tenantId, productId);
  if (!read.ok) throw new Error(read.refusal.code);
  return read.value.policy.policyValue;
}

async function values(h: Harness): Promise<string[]> {
  return Promise.all(POLICY_IDS.map((id) => valueOf(h, id)));
}

/** The card's choice sets, in order: input id, label, the values offered, the value shown. */
function choiceSets(card: Card): { id: string; label: string; offered: string[]; value: string }[] {
  const found: { id: string; label: string; offered: string[]; value: string }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Card;
      if (o.type === 'Input.ChoiceSet') {
        const choices = (o.choices as { value: string }[] | undefined) ?? [];
        found.push({
          id: String(o.id),
          label: String(o.label),
          offered: choices.map((c) => c.value),
          value: String(o.value),
        });
      }
      Object.entries(o).forEach(([k, v]) => k !== 'data' && walk(v));
    }
  };
  walk(card);
  return found;
}

/** The card people would get for "can I buy Copilot?". */
async function askForCopilot(user: TeamsUser): Promise<string> {
  return cardText(
    cardWith((await user.say('can I buy Copilot?')).replies, 'Microsoft 365 Copilot'),
  );
}

describe('policies of products this bot does not sell (Copilot and the others of §5)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startBot();
  });
  afterEach(async () => {
    await h.stop();
  });

  describe('in plain words', () => {
    it('"disable Copilot" and "enable copilot" change it; people still get the not-sold-here answer', async () => {
      const carol = h.user('carol');
      const alice = h.user('alice');
      const before = await askForCopilot(alice);
      expect(before).to.include(
        "Microsoft 365 Copilot can't be bought through self-service here. Contact your IT admin.",
      );
      const off = cardText(
        cardWith((await carol.say('disable Copilot')).replies, 'Self-service purchase settings'),
      );
      expect(off).to.include('Microsoft 365 Copilot: now Do not allow.');
      expect(off).to.include('Tenant: Contoso');
      expect(await valueOf(h, COPILOT)).to.equal('Disabled');
      expect(await askForCopilot(alice)).to.equal(before);
      const on = cardText(
        cardWith((await carol.say('enable copilot')).replies, 'Self-service purchase settings'),
      );
      expect(on).to.include('Microsoft 365 Copilot: now Allow.');
      expect(await valueOf(h, COPILOT)).to.equal('Enabled');
    });

    it('"stäng av Copilot" in Swedish, then again: already done', async () => {
      const carol = h.user('carol', { locale: 'sv-SE' });
      const off = cardText(
        cardWith(
          (await carol.say('stäng av Copilot')).replies,
          'Inställningar för självbetjäningsköp',
        ),
      );
      expect(off).to.include('Microsoft 365 Copilot: ändrad till ”Tillåt inte”.');
      expect(off).to.include('Klientorganisation: Contoso');
      expect(await valueOf(h, COPILOT)).to.equal('Disabled');
      const again = cardText(
        cardWith(
          (await carol.say('stäng av självbetjäningsköp av Copilot')).replies,
          'Inställningar för självbetjäningsköp',
        ),
      );
      expect(again).to.include('Microsoft 365 Copilot: redan ”Tillåt inte”.');
    });

    it('"disable all products" disables all seventeen, Copilot included; audit names the chat', async () => {
      const carol = h.user('carol');
      const done = cardText(
        cardWith(
          (await carol.say('disable all products')).replies,
          'Self-service purchase settings',
        ),
      );
      for (const name of NAMES) expect(done).to.include(`${name}: now Do not allow.`);
      expect(done.match(/: now Do not allow\./g)).to.have.length(17);
      expect(await values(h)).to.deep.equal(POLICY_IDS.map(() => 'Disabled'));
      const audit = cardText(
        cardWith((await carol.say('audit')).replies, 'Recent self-service policy changes'),
      );
      expect(audit).to.include(
        'Carol Clark changed Microsoft 365 Copilot from Allow to Do not allow (chat)',
      );
    });

    it('"stäng av alla produkter" covers the same seventeen', async () => {
      const carol = h.user('carol', { locale: 'sv-SE' });
      const done = cardText(
        cardWith(
          (await carol.say('stäng av alla produkter')).replies,
          'Inställningar för självbetjäningsköp',
        ),
      );
      for (const name of NAMES) expect(done).to.include(`${name}: ändrad till ”Tillåt inte”.`);
      expect(await values(h)).to.deep.equal(POLICY_IDS.map(() => 'Disabled'));
    });

    it('"allow only trials of all products" changes just the six with a free trial', async () => {
      const carol = h.user('carol');
      const done = cardText(
        cardWith(
          (await carol.say('allow only trials of all products')).replies,
          'Self-service purchase settings',
        ),
      );
      for (const name of FREE_TRIAL) expect(done).to.include(`${name}: now Allow for trials only.`);
      expect(done.match(/: now /g)).to.have.length(FREE_TRIAL.length);
      expect(await valueOf(h, TEAMS_EXPLORATORY)).to.equal('OnlyTrialsWithoutPaymentMethod');
      expect(await valueOf(h, COPILOT)).to.equal('Enabled');
    });

    it('"allow only trials of Copilot" is refused (no free trial, S-19) and changes nothing', async () => {
      const replies = (await h.user('carol').say('allow only trials of Copilot')).replies;
      expect(cardText(cardWith(replies, 'Not possible'))).to.include(
        "Microsoft 365 Copilot has no free trial without a payment method, so it can't be set to trials only.",
      );
      expect(await valueOf(h, COPILOT)).to.equal('Enabled');
    });
  });

  describe('on the settings card', () => {
    for (const [locale, title] of [
      ['en-US', 'Self-service trials and purchases'],
      ['sv-SE', 'Provperioder och köp via självbetjäning'],
    ] as const) {
      it(`lists all seventeen in catalog order, trials only where allowed, and stays small (${locale})`, async () => {
        const replies = (await h.user('carol', { locale }).say('policies')).replies;
        const card = cardWith(replies, title);
        const sets = choiceSets(card);
        expect(sets.map((s) => s.id)).to.deep.equal(POLICY_IDS.map((id) => `p_${id}`));
        expect(sets.map((s) => s.label)).to.deep.equal(NAMES);
        expect(sets.every((s) => s.value === 'Enabled')).to.equal(true);
        for (const s of sets) {
          const trials = FREE_TRIAL.includes(s.label);
          expect(s.offered, s.label).to.deep.equal(
            trials
              ? ['Enabled', 'OnlyTrialsWithoutPaymentMethod', 'Disabled']
              : ['Enabled', 'Disabled'],
          );
        }
        const reply = replies.find((r) => JSON.stringify(r).includes(title));
        expect(Buffer.byteLength(JSON.stringify(reply))).to.be.below(TEAMS_MESSAGE_BYTES / 2);
      });
    }

    it('saving Copilot and Teams Exploratory works; the card that comes back shows them; audit says settings card', async () => {
      const carol = h.user('carol');
      const card = cardWith(
        (await carol.say('policies')).replies,
        'Self-service trials and purchases',
      );
      const exchange = await carol.execute(card, 'Save', {
        [`p_${COPILOT}`]: 'Disabled',
        [`p_${TEAMS_EXPLORATORY}`]: 'OnlyTrialsWithoutPaymentMethod',
      });
      const saved = invokeCard(exchange);
      const text = cardText(saved);
      expect(text).to.include('Microsoft 365 Copilot: now Do not allow.');
      expect(text).to.include('Teams Exploratory: now Allow for trials only.');
      expect(text.match(/: now /g)).to.have.length(2);
      expect(await valueOf(h, COPILOT)).to.equal('Disabled');
      expect(await valueOf(h, TEAMS_EXPLORATORY)).to.equal('OnlyTrialsWithoutPaymentMethod');
      const shown = Object.fromEntries(choiceSets(saved).map((s) => [s.id, s.value]));
      expect(shown[`p_${COPILOT}`]).to.equal('Disabled');
      expect(shown[`p_${TEAMS_EXPLORATORY}`]).to.equal('OnlyTrialsWithoutPaymentMethod');
      expect(Object.keys(shown)).to.have.length(17);
      expect(Buffer.byteLength(JSON.stringify(exchange.body))).to.be.below(TEAMS_MESSAGE_BYTES / 2);
      const audit = cardText(
        cardWith((await carol.say('audit')).replies, 'Recent self-service policy changes'),
      );
      expect(audit).to.include(
        'Carol Clark changed Microsoft 365 Copilot from Allow to Do not allow (settings card)',
      );
      expect(await askForCopilot(h.user('alice'))).to.include(
        "can't be bought through self-service here",
      );
    });

    it('a forged "trials only" for Copilot, which the card never offers, is refused and saves nothing', async () => {
      const carol = h.user('carol');
      const card = cardWith(
        (await carol.say('policies')).replies,
        'Self-service trials and purchases',
      );
      const refused = invokeCard(
        await carol.execute(card, 'Save', { [`p_${COPILOT}`]: 'OnlyTrialsWithoutPaymentMethod' }),
      );
      expect(cardText(refused)).to.include(
        "Microsoft 365 Copilot has no free trial without a payment method, so it can't be set to trials only.",
      );
      expect(await valueOf(h, COPILOT)).to.equal('Enabled');
    });

    it('a product id the policy does not know is refused and saves nothing', async () => {
      const carol = h.user('carol');
      const card = cardWith(
        (await carol.say('policies')).replies,
        'Self-service trials and purchases',
      );
      const refused = invokeCard(
        await carol.execute(card, 'Save', {
          [`p_${COPILOT}`]: 'Disabled',
          p_CFQ7TTC0HHS9: 'Disabled',
        }),
      );
      expect(cardText(refused)).to.include("There's no such product or policy.");
      expect(await valueOf(h, COPILOT)).to.equal('Enabled');
    });
  });
});
