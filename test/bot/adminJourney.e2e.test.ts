// End to end over HTTP for admins: purchase notifications and their actions, take-over, the purchases overview
// and its export, the policy card, plain-words policy changes, license requests and partners.

import { expect } from 'chai';
import { cardsFor, startBot, type Harness } from '../helpers/botHarness.js';
import { buyOverHttp } from '../helpers/checkout.js';
import { cardText, cardWith, invokeCard, type TeamsUser } from '../helpers/teamsUser.js';

type Card = Record<string, unknown>;

describe('admin journey over HTTP', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startBot();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('a purchase notifies each Global and Billing admin once; "turn off" blocks the next purchase; a second admin is told', async () => {
    const admins = ['carol', 'dave', 'peggy', 'erin', 'frank'].map((n) => h.user(n));
    for (const a of admins) await a.install();
    await buyOverHttp(h.user('bob'), '2 power bi pro', '$28.00');
    await h.app.tick();
    await h.app.tick();
    const [carol, dave, peggy, erin, frank] = admins as [
      TeamsUser,
      TeamsUser,
      TeamsUser,
      TeamsUser,
      TeamsUser,
    ];
    for (const a of [carol, dave, peggy])
      expect(cardsFor(h, a, 'New self-service purchase: Power BI Pro')).to.have.length(1);
    for (const a of [erin, frank])
      expect(cardsFor(h, a, 'New self-service purchase')).to.have.length(0);

    const notification = cardsFor(h, carol, 'New self-service purchase')[0]!;
    expect(cardText(notification)).to.include('Bob Brown');
    const turnedOff = invokeCard(
      await carol.execute(notification, 'Turn off self-service purchase of Power BI Pro'),
    );
    expect(cardText(turnedOff)).to.include(
      'Carol Clark turned off self-service purchase of Power BI Pro',
    );
    expect(cardText(turnedOff)).not.to.include('Keep');

    const asked = await h.user('alice').say('buy power bi pro');
    expect(cardText(cardWith(asked.replies, 'Power BI Pro'))).to.include(
      "Your organization doesn't allow self-service purchase of Power BI Pro",
    );

    const daveCard = cardsFor(h, dave, 'New self-service purchase')[0]!;
    const told = invokeCard(await dave.execute(daveCard, 'Keep'));
    expect(cardText(told)).to.include('Already handled by Carol Clark');
  });

  it('take over from the notification moves the users to a central subscription and tells the buyer', async () => {
    const carol = h.user('carol');
    await carol.install();
    const bob = h.user('bob');
    await bob.install();
    await buyOverHttp(bob, '3 power bi pro', '$42.00');
    await h.app.tick();
    const notification = cardsFor(h, carol, 'New self-service purchase')[0]!;
    const form = invokeCard(await carol.execute(notification, 'Take over'));
    expect(cardText(form)).to.include('Take over Power BI Pro bought by Bob Brown');
    const done = invokeCard(
      await carol.execute(form, 'Move users and cancel', { target: 'c1-central-powerbi-pro' }),
    );
    expect(cardText(done)).to.include('Taken over: 1 user moved to Power BI Pro');
    expect(cardText(done)).to.include('Deleted');
    await h.app.tick();
    expect(cardsFor(h, bob, 'Your Power BI Pro subscription was taken over')).to.have.length(1);
    const again = invokeCard(await carol.execute(notification, 'Cancel the purchase'));
    expect(cardText(again)).to.match(/Already handled|Carol Clark/);
  });

  it('the purchases overview pages through purchases, filters, and exports a CSV through file consent', async () => {
    for (const [name, what, total] of [
      ['bob', '2 power apps', '$40.00'],
      ['alice', '1 visio plan 2', '$15.00'],
      ['heidi', '1 visio plan 1', '$5.00'],
    ] as const) {
      await buyOverHttp(h.user(name), what, total);
    }
    const carol = h.user('carol');
    const overview = cardWith(
      (await carol.say('purchases')).replies,
      'Self-service purchases and trials in Contoso',
    );
    const text = cardText(overview);
    expect(text).to.include('(3)');
    expect(text).to.include('Power Apps per user: 2 bought, 1 assigned, $40.00 per month');
    const visio = cardWith(
      (await carol.say('purchases visio plan 2')).replies,
      'Self-service purchases',
    );
    expect(cardText(visio)).to.include('(1)');
    const details = invokeCard(await carol.execute(visio, 'Details'));
    expect(cardText(details)).to.include('Alice Anderson');

    const offered = await carol.say('export purchases');
    const consent = offered.replies
      .map((r) => (r.attachments as { contentType: string; content: Card; name: string }[])[0])
      .find((a) => a?.contentType === 'application/vnd.microsoft.teams.card.file.consent');
    expect(consent?.name).to.match(/^self-service-purchases-contoso-2026-03-02\.csv$/);
    const accepted = await carol.send({
      type: 'invoke',
      name: 'fileConsent/invoke',
      value: {
        type: 'fileUpload',
        action: 'accept',
        context: (consent!.content as { acceptContext: unknown }).acceptContext,
        uploadInfo: {
          name: consent!.name,
          uploadUrl: `${h.serviceUrl}upload/${consent!.name}`,
          contentUrl: `https://contoso-my.sharepoint.com/personal/carol/Documents/${consent!.name}`,
          uniqueId: 'unique-1',
          fileType: 'csv',
        },
      },
    });
    expect(accepted.status).to.equal(200);
    const uploaded = h.connector.uploads.get(consent!.name)!;
    expect(uploaded.body.split('\r\n')[0]).to.match(/^Subscription,Product,Product ID/);
    expect(uploaded.body).to.include('Visio Plan 2');
    expect(uploaded.contentRange).to.match(/^bytes 0-\d+\/\d+$/);
    expect(JSON.stringify(accepted.replies)).to.include(
      'application/vnd.microsoft.teams.card.file.info',
    );
  });

  it('long lists come in pages of ten, and the filters stay on every page', async () => {
    const domain = h.app.domain;
    const buyers = ['alice', 'bob', 'heidi', 'oscar', 'nora', 'peggy'];
    for (const [i, name] of [...buyers, ...buyers].entries()) {
      const caller = h.user(name)['o'].caller;
      const card = await domain.paymentMethods.addCard(caller, {
        number: '4242424242424242',
        expiryMonth: 1,
        expiryYear: 2031,
        cvc: '123',
        holder: name,
      });
      if (!card.ok) throw new Error(card.refusal.code);
      const bought = await domain.purchases.purchase({
        caller,
        productId: i < 6 ? 'CFQ7TTC0LH2H' : 'CFQ7TTC0HD33',
        quantity: 1,
        payment: { cardId: card.value.cardId },
        idempotencyKey: `p-${i}`,
      });
      expect(bought.ok, name).to.equal(true);
    }
    const carol = h.user('carol');
    const first = cardWith((await carol.say('all purchases')).replies, 'Self-service purchases');
    expect(cardText(first)).to.include('(12)');
    expect(cardText(first)).to.include('Page 1 of 2');
    const second = invokeCard(await carol.execute(first, 'Next page'));
    expect(cardText(second)).to.include('Page 2 of 2');
    expect((cardText(second).match(/· /g) ?? []).length).to.equal(2);
    const back = invokeCard(await carol.execute(second, 'Previous page'));
    expect(cardText(back)).to.include('Page 1 of 2');
    const filtered = cardWith(
      (await carol.say('purchases visio plan 1')).replies,
      'Self-service purchases',
    );
    expect(cardText(filtered)).to.include('(6)');
    expect(cardText(filtered)).to.include('Page 1 of 1');
  });

  it('the policy card is for Global admins; plain words work in both languages; the audit shows every change', async () => {
    const carol = h.user('carol');
    const card = cardWith(
      (await carol.say('policies')).replies,
      'Self-service trials and purchases',
    );
    const saved = invokeCard(
      await carol.execute(card, 'Save', {
        p_CFQ7TTC0HD32: 'Disabled',
        p_CFQ7TTC0HDB1: 'OnlyTrialsWithoutPaymentMethod',
      }),
    );
    expect(cardText(saved)).to.include('Visio Plan 2: now Do not allow.');
    expect(cardText(saved)).to.include('Project Plan 1: now Allow for trials only.');
    const dave = h.user('dave');
    const daveCard = cardWith(
      (await dave.say('policies')).replies,
      'Self-service trials and purchases',
    );
    // A Billing admin sees the settings, read-only: no Save to press, and a forged save is refused.
    expect(cardText(daveCard)).to.include('Only a Global admin can change them on this card');
    expect(cardText(daveCard)).to.include('Visio Plan 1: Allow');
    expect(JSON.stringify(daveCard)).not.to.include('policy.save');
    const refused = invokeCard(
      await dave.send({
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'policy.save',
            data: {
              verb: 'policy.save',
              actionId: crypto.randomUUID(),
              tenantId: dave['o'].caller.tenantId,
              shown: { CFQ7TTC0HD33: 'Enabled' },
              p_CFQ7TTC0HD33: 'Disabled',
            },
          },
        },
      }),
    );
    expect(cardText(refused)).to.include("You don't have the admin role needed for that.");

    const swedish = h.user('carol', { locale: 'sv-SE' });
    const off = cardWith(
      (await swedish.say('stäng av Power BI Pro')).replies,
      'Inställningar för självbetjäningsköp',
    );
    expect(cardText(off)).to.include('Power BI Pro: ändrad till ”Tillåt inte”.');
    const ambiguous = await carol.say('disable visio');
    expect(JSON.stringify(ambiguous.replies)).to.include('can mean Visio Plan 1 and Visio Plan 2');
    const audit = cardWith(
      (await carol.say('audit')).replies,
      'Recent self-service policy changes',
    );
    const lines = cardText(audit);
    expect(lines).to.include('Carol Clark changed Power BI Pro from Allow to Do not allow (chat)');
    expect(lines).to.include('changed Visio Plan 2 from Allow to Do not allow (settings card)');
    const reader = h.user('erin');
    expect(JSON.stringify((await reader.say('disable Power Apps')).replies)).to.include(
      "You don't have a role that may do that",
    );
  });

  it('license requests: a user asks, a License admin approves from a central subscription, the requester is told', async () => {
    const carol = h.user('carol');
    await carol.say('disable Visio Plan 2');
    const alice = h.user('alice');
    await alice.install();
    const form = cardWith(
      (await alice.say('request a license for visio plan 2')).replies,
      'Request Visio Plan 2 licenses',
    );
    const sent = invokeCard(
      await alice.execute(form, 'Send request', {
        forSelf: 'true',
        others: 'heidi@contoso.com',
        message: 'For the floor plans',
      }),
    );
    expect(cardText(sent)).to.include('Request sent: Visio Plan 2');
    const frank = h.user('frank');
    const request = cardWith(
      (await frank.say('requests')).replies,
      'Alice Anderson asks for Visio Plan 2',
    );
    expect(cardText(request)).to.include('For the floor plans');
    const decided = invokeCard(
      await frank.execute(request, 'Approve selected', {
        centralSubscriptionId: 'c1-central-visio-plan-2',
        message: 'Enjoy',
      }),
    );
    expect(cardText(decided)).to.include('Request for Visio Plan 2: approved');
    await h.app.tick();
    expect(cardsFor(h, alice, 'Your license request for Visio Plan 2')).to.have.length(1);
  });

  it('partners name the customer; every answer says which tenant it acted on; rights follow S-18', async () => {
    await buyOverHttp(h.user('bob'), '1 power apps', '$20.00');
    const pat = h.user('pat', { tenant: 'Adatum Partners' });
    const overview = cardWith(
      (await pat.say('as customer Contoso: purchases')).replies,
      'Self-service purchases',
    );
    expect(cardText(overview)).to.include('Tenant: Contoso');
    const done = cardWith(
      (await pat.say('as customer contoso.com: disable Visio Plan 1')).replies,
      'Self-service purchase settings',
    );
    expect(cardText(done)).to.include('Tenant: Contoso');
    const tom = h.user('tom', { tenant: 'Tailspin MSP' });
    expect(
      JSON.stringify((await tom.say('as customer Contoso: disable Visio Plan 2')).replies),
    ).to.include("You don't have a role that may do that");
    expect(
      JSON.stringify((await tom.say('as customer Fabrikam India: purchases')).replies),
    ).to.include('no partner relationship with a customer called');
  });
});
