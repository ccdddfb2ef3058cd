// The policy card over HTTP when several admins change policies at once: saving an old card writes only what its
// admin changed, and never silently overwrites a product someone else changed since the card was shown.

import { expect } from 'chai';
import { startBot, type Harness } from '../helpers/botHarness.js';
import { cardText, cardWith, invokeCard, type TeamsUser } from '../helpers/teamsUser.js';

const VISIO_PLAN_2 = 'CFQ7TTC0HD32';
const POWER_BI_PRO = 'CFQ7TTC0H9MP';
const PROJECT_PLAN_1 = 'CFQ7TTC0HDB1';

type Card = Record<string, unknown>;

async function policyCardOf(user: TeamsUser, title: string): Promise<Card> {
  return cardWith((await user.say('policies')).replies, title);
}

async function valueOf(h: Harness, productId: string): Promise<string> {
  const carol = h.user('carol')['o'].caller;
  const read = await h.app.domain.policies.getProductPolicy(carol, carol.tenantId, productId);
  if (!read.ok) throw new Error(read.refusal.code);
  return read.value.policy.policyValue;
}

async function auditText(user: TeamsUser): Promise<string> {
  return cardText(
    cardWith((await user.say('audit')).replies, 'Recent self-service policy changes'),
  );
}

describe('the policy card when admins change policies at the same time', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startBot();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('saving an old card changes only what its admin changed; another admin’s change stays', async () => {
    const carol = h.user('carol');
    const card = await policyCardOf(carol, 'Self-service trials and purchases');
    const dave = h.user('dave');
    await dave.say('disable Visio Plan 2');
    expect(await valueOf(h, VISIO_PLAN_2)).to.equal('Disabled');

    const saved = invokeCard(
      await carol.execute(card, 'Save', { [`p_${POWER_BI_PRO}`]: 'Disabled' }),
    );
    expect(cardText(saved)).to.include('Power BI Pro: now Do not allow.');
    expect(cardText(saved)).not.to.include('Visio Plan 2: now');
    expect(await valueOf(h, VISIO_PLAN_2)).to.equal('Disabled');
    expect(await valueOf(h, POWER_BI_PRO)).to.equal('Disabled');
    const audit = await auditText(carol);
    expect(audit).to.include('Dave Davis changed Visio Plan 2 from Allow to Do not allow (chat)');
    expect(audit).not.to.include('Carol Clark changed Visio Plan 2');
    // The card that comes back shows the values now in force, Dave's included.
    expect(JSON.stringify(saved)).to.match(
      new RegExp(
        `"id":"p_${VISIO_PLAN_2}"[^}]*"value":"Disabled"|"value":"Disabled"[^}]*"id":"p_${VISIO_PLAN_2}"`,
      ),
    );
  });

  it('a product both admins changed is skipped and the card says so, in English and Swedish', async () => {
    const carol = h.user('carol');
    const card = await policyCardOf(carol, 'Self-service trials and purchases');
    const swedish = h.user('carol', { locale: 'sv-SE' });
    const svCard = await policyCardOf(swedish, 'Provperioder och köp via självbetjäning');
    await h.user('dave').say('disable Project Plan 1');

    const saved = invokeCard(
      await carol.execute(card, 'Save', {
        [`p_${PROJECT_PLAN_1}`]: 'OnlyTrialsWithoutPaymentMethod',
        [`p_${POWER_BI_PRO}`]: 'Disabled',
      }),
    );
    const text = cardText(saved);
    expect(text).to.include('Power BI Pro: now Do not allow.');
    expect(text).to.include(
      'Project Plan 1: not saved, because Dave Davis changed it to Do not allow after this card was shown.',
    );
    expect(text).to.include('Tenant: Contoso');
    expect(await valueOf(h, PROJECT_PLAN_1)).to.equal('Disabled');

    const svSaved = invokeCard(
      await swedish.execute(svCard, 'Spara', {
        [`p_${PROJECT_PLAN_1}`]: 'OnlyTrialsWithoutPaymentMethod',
      }),
    );
    expect(cardText(svSaved)).to.include(
      'Project Plan 1: sparades inte, eftersom Dave Davis ändrade den till ”Tillåt inte” efter att det här formuläret visades.',
    );
    expect(await valueOf(h, PROJECT_PLAN_1)).to.equal('Disabled');
    expect(await auditText(carol)).not.to.include('Carol Clark changed Project Plan 1');
  });

  it('a card that does not carry the values it showed saves nothing', async () => {
    const carol = h.user('carol');
    const card = await policyCardOf(carol, 'Self-service trials and purchases');
    await h.user('dave').say('disable Visio Plan 2');
    const tenantId = carol['o'].caller.tenantId;
    const data: Record<string, string> = {
      verb: 'policy.save',
      actionId: crypto.randomUUID(),
      tenantId,
    };
    for (const match of JSON.stringify(card).matchAll(/"id":"(p_\w+)"/g))
      data[match[1]!] = 'Enabled';
    data[`p_${POWER_BI_PRO}`] = 'Disabled';
    const answer = invokeCard(
      await carol.send({
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: 'policy.save', data } },
      }),
    );
    expect(cardText(answer)).to.include('nothing was saved');
    expect(await valueOf(h, VISIO_PLAN_2)).to.equal('Disabled');
    expect(await valueOf(h, POWER_BI_PRO)).to.equal('Enabled');
  });
});
