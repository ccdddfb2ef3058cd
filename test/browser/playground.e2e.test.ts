// In a real browser: people use the bot through the Microsoft 365 Agents Playground, as they would in Teams.
//
// Debian's Chromium (never a downloaded browser), headless, driven by playwright-core; one Playground per person,
// all wired to one real bot on loopback. Messages are typed, cards read, inputs filled by their labels and buttons
// pressed by their titles. The scenarios are one story (Bob's purchase is what Carol is told about): run the file
// whole. Screenshots go to test-results/browser/. Without Chromium the suite is skipped, loudly,
// unless REQUIRE_BROWSER=1 (CI sets it after installing Chromium), in which case it fails.

import { expect } from 'chai';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium } from '../../scripts/playground/chromium.js';
import { PlaygroundRig, type Participant } from '../../scripts/playground/playgroundRig.js';
import { isAlive } from '../../scripts/playground/processTree.js';
import { announceMissingBrowser } from './browserSuite.js';

const SHOTS = join('test-results', 'browser');
const TEST_CARD = { number: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' };

describe('in a real browser: the Agents Playground (Chromium, headless)', function () {
  // A slow, shared machine: generous limits, but every wait is for something on screen.
  this.timeout(240_000);
  let rig: PlaygroundRig | undefined;
  let started = 0;

  before(async function () {
    started = Date.now();
    const chromium = findChromium();
    if (!chromium) {
      if (process.env.REQUIRE_BROWSER === '1')
        throw new Error(
          'REQUIRE_BROWSER=1 but Chromium is not installed (apt-get install chromium).',
        );
      announceMissingBrowser();
      this.skip();
    }
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    rig = await PlaygroundRig.start({ chromium, timeoutMs: 60_000 });
  });

  after(async () => {
    await rig?.stop();
    if (rig) console.log(`      browser suite: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  afterEach(async function () {
    // What each person saw when a scenario failed, to read next to the error.
    if (this.currentTest?.state !== 'failed' || !rig) return;
    const title = (this.currentTest.title.split(':')[0] ?? 'failed').replace(/\W+/g, '-');
    for (const p of rig.joined()) {
      const name = p.person.user.upn.split('@')[0] ?? 'someone';
      await p.chat.screenshot(join(SHOTS, `FAILED-${title}-${name}.png`)).catch(() => undefined);
      // The Playground's log lists every activity it exchanged with the bot.
      if (existsSync(p.playground.logFile))
        copyFileSync(p.playground.logFile, join(SHOTS, `FAILED-${title}-${name}-playground.log`));
    }
    writeFileSync(join(SHOTS, `FAILED-${title}-bot.log`), rig.botLogs.join('\n'));
  });

  const shot = (p: Participant, name: string): Promise<void> =>
    p.chat.screenshot(join(SHOTS, `${name}.png`));
  const running = (): PlaygroundRig => {
    if (!rig) throw new Error('the rig did not start');
    return rig;
  };

  let alice: Participant;

  it('a user asks whether she can buy Power BI Pro, and is told yes, with the price', async () => {
    alice = await running().join('alice');
    await alice.chat.say('Can I buy Power BI Pro?');
    const answer = await alice.chat.waitForCard('Yes, you can buy Power BI Pro');
    await answer.getByText('$14.00 per user per month').waitFor();
    await answer.getByRole('button', { name: 'Buy', exact: true }).waitFor();
    await shot(alice, '1-eligibility-yes-alice');
  });

  it('a user in a Brazilian tenant asks about Visio Plan 2, and is told no, with the reason', async () => {
    const joao = await running().join('joao');
    await joao.chat.say('Can I buy Visio Plan 2?');
    const answer = await joao.chat.waitForCard("No, you can't buy Visio Plan 2 right now");
    await answer
      .getByText(
        "Visio Plan 2 can't be bought through self-service in your country or region (Brazil). Contact your IT admin.",
      )
      .waitFor();
    await shot(joao, '1-eligibility-no-joao-brazil');
  });

  it('a buyer buys 3 licenses with a test card and assigns one to a colleague', async () => {
    const bob = await running().join('bob');
    await bob.chat.say('buy 3 Power BI Pro');
    const checkout = await bob.chat.waitForCard('Checkout: Power BI Pro');
    await checkout.getByText('Total today: $42.00').waitFor();
    await bob.chat.fill(checkout, 'Card number', TEST_CARD.number);
    await bob.chat.fill(checkout, 'Expiry (MM/YY)', TEST_CARD.expiry);
    await bob.chat.fill(checkout, 'Security code', TEST_CARD.cvc);
    await shot(bob, '2-buyer-checkout');
    await bob.chat.press(checkout, 'Confirm and pay $42.00');

    // Action.Execute: the checkout card is replaced in place by the receipt.
    const receipt = await bob.chat.waitForCard('Thank you! You bought Power BI Pro');
    await receipt.getByText('Visa •••• 4242').waitFor();
    expect(await bob.chat.card('Checkout: Power BI Pro').count()).to.equal(0);
    await shot(bob, '2-buyer-receipt');
    // The confirmation the receipt promises arrives in the chat. (It must have arrived before a form is filled: the
    // Playground redraws every card when a message arrives, which clears what was typed into them.)
    const confirmation = await bob.chat.waitForCard('Thank you for your purchase');
    await confirmation.getByText(/3 Power BI Pro licenses, \$42\.00 charged/).waitFor();

    await bob.chat.press(receipt, 'Assign licenses');
    const form = await bob.chat.waitForCard('Assign Power BI Pro licenses');
    await bob.chat.fill(
      form,
      'Others (names or email addresses, separated by commas)',
      'alice@contoso.com',
    );
    await bob.chat.press(form, 'Assign licenses');
    const done = await bob.chat.waitForCard('Done: Alice Anderson now has a license');
    await shot(bob, '2-buyer-assigned');

    await bob.chat.say('my purchases');
    const purchases = await bob.chat.waitForCard('2 of 3 assigned');
    await purchases.getByText('Alice Anderson').first().waitFor();
    expect(await done.isVisible()).to.equal(true);
  });

  it('a Global admin receives the purchase notification and turns the product off', async () => {
    const carol = await running().join('carol');
    // Delivered proactively by the bot's notifier to the chat her Playground opened.
    const notification = await carol.chat.waitForCard('New self-service purchase: Power BI Pro');
    await notification.getByText('Bob Brown').waitFor();
    await shot(carol, '3-admin-notification');
    await carol.chat.press(notification, 'Turn off self-service purchase of Power BI Pro');
    await carol.chat.waitForCard('Carol Clark turned off self-service purchase of Power BI Pro');
    await shot(carol, '3-admin-turned-off');

    await carol.chat.say('policies');
    const policies = await carol.chat.waitForCard('Self-service trials and purchases');
    expect(await carol.chat.choice(policies, 'Power BI Pro')).to.equal('Do not allow');
    // The card lists every product of the policy: bring the row this is about into the picture.
    await policies
      .getByRole('combobox', { name: 'Power BI Pro', exact: true })
      .scrollIntoViewIfNeeded();
    await shot(carol, '3-admin-policies');

    // A colleague is refused from now on.
    await alice.chat.say('Can I buy Power BI Pro?');
    const refused = await alice.chat.waitForCard("No, you can't buy Power BI Pro right now");
    await refused
      .getByText("Your organization doesn't allow self-service purchase of Power BI Pro")
      .waitFor();
    await shot(alice, '3-colleague-refused');
  });

  it('the same flow in Swedish: ask, buy, assign, and the admin turns the product off', async () => {
    const sven = await running().join('sven', {
      locale: 'sv-SE',
      welcome: 'Hej Sven Svensson! Jag hjälper dig att köpa Microsoft 365',
    });
    await sven.chat.say('kan jag köpa Power BI Pro?');
    await sven.chat.waitForCard('Ja, du kan köpa Power BI Pro');
    await sven.chat.say('köp 3 Power BI Pro');
    const checkout = await sven.chat.waitForCard('Kassa: Power BI Pro');
    await sven.chat.fill(checkout, 'Kortnummer', TEST_CARD.number);
    await sven.chat.fill(checkout, 'Giltigt till (MM/ÅÅ)', TEST_CARD.expiry);
    await sven.chat.fill(checkout, 'Säkerhetskod', TEST_CARD.cvc);
    await shot(sven, '4-swedish-checkout');
    await sven.chat.press(checkout, /^Bekräfta och betala /);
    const receipt = await sven.chat.waitForCard('Tack! Du har köpt Power BI Pro');
    await shot(sven, '4-swedish-receipt');
    await sven.chat.waitForCard('Tack för ditt köp');
    await sven.chat.press(receipt, 'Tilldela licenser');
    const form = await sven.chat.waitForCard('Tilldela licenser för Power BI Pro');
    await sven.chat.fill(
      form,
      'Fler personer (namn eller e-postadresser, åtskilda med komma)',
      'karin@fjallbacka.se',
    );
    await sven.chat.press(form, 'Tilldela licenser');
    await sven.chat.waitForCard('Klart: Karin Karlsson har nu en licens');
    await shot(sven, '4-swedish-assigned');

    const karin = await running().join('karin', {
      locale: 'sv-SE',
      welcome: 'Hej Karin Karlsson! Jag hjälper dig att köpa Microsoft 365',
    });
    const notification = await karin.chat.waitForCard('Nytt självbetjäningsköp: Power BI Pro');
    await notification.getByText('Sven Svensson').waitFor();
    await shot(karin, '4-swedish-notification');
    await karin.chat.press(notification, 'Stäng av självbetjäningsköp av Power BI Pro');
    await karin.chat.waitForCard('Karin Karlsson har stängt av självbetjäningsköp av Power BI Pro');
    await shot(karin, '4-swedish-turned-off');

    // From now on the answer is no, with the reason, in Swedish.
    await sven.chat.say('kan jag köpa Power BI Pro?');
    const refused = await sven.chat.waitForCard('Nej, du kan inte köpa Power BI Pro just nu');
    await refused
      .getByText('Din organisation tillåter inte självbetjäningsköp av Power BI Pro')
      .waitFor();
    await shot(sven, '4-swedish-refused');
  });

  it('in a group chat the bot answers only when @mentioned', async () => {
    const chat = alice.chat;
    await chat.openChat('Purchasing');
    // The personal chat's messages give way to the (new, empty) group chat.
    await chat.card("Hi Alice Anderson, I'm your Microsoft 365 purchase assistant").waitFor({
      state: 'detached',
    });
    expect(await chat.botMessages().count()).to.equal(0);
    await chat.say('products');
    await chat.sayMentioningBot('help');
    await chat.waitForCard('What I can do');
    // A second mention, answered after the first: had the plain message been answered, that answer would be here
    // by now too. (In Teams, and in the Playground, a group chat message without the mention never reaches the
    // bot; the bot's own check for it is tested over HTTP in test/bot/notifications.e2e.test.ts.)
    await chat.sayMentioningBot('products');
    await chat.waitForCard('Power BI Premium Per User');
    expect(await chat.botMessages().count()).to.equal(2);
    await shot(alice, '5-group-chat-mention');
  });

  it('nothing left the machine, and every process it started is gone', async () => {
    const attempts = running().offMachineAttempts();
    expect(attempts.bot, 'the bot tried to reach off the machine').to.deep.equal([]);
    expect(attempts.playgrounds, 'a Playground tried to reach off the machine').to.deep.equal([]);
    // The Playground's page asks a CDN for Segoe UI and an animation worklet; both were aborted, nothing else tried.
    expect(
      attempts.pages.filter((r) => !r.expected).map((r) => r.url),
      'the page tried to reach off the machine',
    ).to.deep.equal([]);
    const pids = running().childPids();
    await running().stop();
    expect(pids.length).to.be.greaterThan(7);
    expect(pids.filter(isAlive), 'still running after stop').to.deep.equal([]);
  });
});
