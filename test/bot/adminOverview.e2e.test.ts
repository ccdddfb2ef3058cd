// End to end over HTTP: what admins see of purchases. No payment card in any admin view (§1.2: "View / pay
// invoice, update card" is N for admins), and the "left" filter (§4.6) kept on later pages and in the export.

import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { DirectorySeed } from '../../services/directory/seedSchema.js';
import { boughtBy, startBot, type Harness } from '../helpers/botHarness.js';
import { DEMO_SEED_FILE } from '../helpers/seed.js';
import { cardText, cardWith, invokeCard, type TeamsUser } from '../helpers/teamsUser.js';

type Card = Record<string, unknown>;

/** The card facts a buyer sees of their payment method; none of it may reach an admin. */
function expectNoPaymentCard(text: string, where: string): void {
  expect(text, where).not.to.match(/visa|mastercard|amex/i);
  expect(text, where).not.to.include('4242');
  expect(text, where).not.to.include('••••');
  expect(text, where).not.to.include('12/2030');
}

describe('admin views of purchases over HTTP', () => {
  describe('the buyer’s payment card', () => {
    let h: Harness;
    before(async () => {
      h = await startBot();
      await boughtBy(h, 'bob', 'CFQ7TTC0H9MP', 1, 'bob-1');
    });
    after(async () => {
      await h.stop();
    });

    it('the buyer sees the card on their own purchases', async () => {
      const mine = cardWith((await h.user('bob').say('my purchases')).replies, 'Power BI Pro');
      expect(cardText(mine)).to.include('4242');
    });

    const admins: readonly [string, string, string?][] = [
      ['Global admin', 'carol'],
      ['Billing admin', 'dave'],
      ['Global reader', 'erin'],
      ['partner with the Global admin role', 'pat', 'Adatum Partners'],
      ['partner with read roles', 'tom', 'Tailspin MSP'],
    ];
    for (const [column, name, tenant] of admins) {
      it(`${column} (${name}) sees the purchase without the card, in the list and in its details`, async () => {
        const who: TeamsUser = h.user(name, tenant ? { tenant } : {});
        const prefix = tenant ? 'as customer Contoso: ' : '';
        const overview = cardWith(
          (await who.say(`${prefix}all purchases`)).replies,
          'Self-service purchases and trials in Contoso',
        );
        expect(cardText(overview)).to.include('Bob Brown');
        expectNoPaymentCard(cardText(overview), 'overview');
        const details = invokeCard(await who.execute(overview, 'Details'));
        expect(cardText(details)).to.include('Bob Brown');
        expectNoPaymentCard(cardText(details), 'details');
      });
    }

    it('the purchases overview service leaves the card out of the admin view model', async () => {
      const carol = h.user('carol')['o'].caller;
      const overview = await h.app.domain.overview.list(carol, carol.tenantId, { channel: 'All' });
      if (!overview.ok) throw new Error(overview.refusal.code);
      expect(overview.value.items).to.have.length.greaterThan(0);
      for (const item of overview.value.items) expect(item).not.to.have.property('card');
    });
  });

  describe('buyers who left (§4.6)', () => {
    let dir: string;
    let h: Harness | undefined;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'ssp-left-'));
    });
    afterEach(async () => {
      await h?.stop();
      h = undefined;
      rmSync(dir, { recursive: true, force: true });
    });

    it('"purchases left" keeps the filter on the next page and in the export', async () => {
      const directoryFile = join(dir, 'directory.json');
      copyFileSync(DEMO_SEED_FILE, directoryFile);
      const env = {
        STORE_URL: `sqlite://${join(dir, 'bot.sqlite')}`,
        DIRECTORY_FILE: directoryFile,
      };
      // Bob buys eleven times and Alice once; then Bob leaves (his account is disabled) and the bot restarts.
      h = await startBot(env);
      for (let i = 0; i < 11; i += 1) await boughtBy(h, 'bob', 'CFQ7TTC0LH2H', 1, `bob-${i}`);
      await boughtBy(h, 'alice', 'CFQ7TTC0HD32', 1, 'alice-1');
      await h.stop();
      const seed = JSON.parse(readFileSync(directoryFile, 'utf8')) as DirectorySeed;
      const bob = seed.tenants[0]!.users.find((u) => u.displayName === 'Bob Brown')!;
      (bob as { accountEnabled: boolean }).accountEnabled = false;
      writeFileSync(directoryFile, JSON.stringify(seed));
      h = await startBot(env);

      const carol = h.user('carol');
      const first = cardWith((await carol.say('purchases left')).replies, 'Self-service purchases');
      expect(cardText(first)).to.include('Contoso (11)');
      expect(cardText(first)).to.include('Page 1 of 2');
      const second = invokeCard(await carol.execute(first, 'Next page'));
      expect(cardText(second)).to.include('Contoso (11)');
      expect(cardText(second)).to.include('Page 2 of 2');
      expect(cardText(second)).not.to.include('Alice Anderson');

      const offered = await carol.execute(second, 'Export as CSV');
      const consent = offered.replies
        .map((r) => (r.attachments as { contentType: string; content: Card }[] | undefined)?.[0])
        .find((a) => a?.contentType === 'application/vnd.microsoft.teams.card.file.consent');
      expect(String(consent?.content.description)).to.equal(
        'Self-service purchases and trials of Contoso: 11 rows',
      );
    });
  });
});
