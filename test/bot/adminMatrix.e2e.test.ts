// The §1.2 matrix through the bot: every admin command and action, for every role, over HTTP (S-17, S-18, S-21).

import { expect } from 'chai';
import { startBot, type Harness } from '../helpers/botHarness.js';
import { allText, cardText, cardWith, invokeCard, type TeamsUser } from '../helpers/teamsUser.js';

/** The columns of §1.2, as people of the demo seed. Partners prefix their commands with the customer. */
const COLUMNS = [
  ['User', 'alice', undefined],
  ['Guest', 'judy', undefined],
  ['GA', 'carol', undefined],
  ['Billing', 'dave', undefined],
  ['Reader', 'erin', undefined],
  ['License', 'frank', undefined],
  ['UserAdm', 'grace', undefined],
  ['PartnerGA', 'pat', 'Adatum Partners'],
  ['PartnerBR', 'tom', 'Tailspin MSP'],
] as const;

/** What a person sees: Y (it worked), DENIED (ACCESS_DENIED sentence) or 403 (POLICY_FORBIDDEN sentence). */
function verdict(text: string, success: string): string {
  if (text.includes("You don't have the admin role needed for that")) return 'DENIED';
  if (text.includes("You don't have a role that may do that")) return '403';
  if (text.includes(success)) return 'Y';
  return `?? ${text.slice(0, 160)}`;
}

interface Row {
  readonly name: string;
  readonly expected: string;
  readonly run: (h: Harness, who: TeamsUser, prefix: string) => Promise<string>;
}

const say =
  (command: string, success: string) => async (_h: Harness, who: TeamsUser, prefix: string) =>
    verdict(allText(await who.say(`${prefix}${command}`)), success);

const ROWS: readonly Row[] = [
  //                                                          User    Guest   GA  Billing Reader License UserAdm PGA PBR
  {
    name: 'see all purchases',
    expected: 'DENIED DENIED Y Y Y DENIED DENIED Y Y',
    run: say('all purchases', 'Self-service purchases and trials in Contoso'),
  },
  {
    name: 'read policies (settings card)',
    expected: '403 403 Y Y Y 403 403 Y Y',
    run: say('policies', 'Self-service trials and purchases'),
  },
  {
    name: 'read the audit trail',
    expected: '403 403 Y Y Y 403 403 Y Y',
    run: say('audit', 'Recent self-service policy changes'),
  },
  {
    name: 'change a policy in words',
    expected: '403 403 Y Y 403 403 403 Y 403',
    run: say('disable Visio Plan 1', 'Self-service purchase settings'),
  },
  {
    name: 'see license requests',
    expected: 'DENIED DENIED Y DENIED DENIED Y Y Y DENIED',
    run: say('requests', 'License requests'),
  },
  {
    name: 'change a policy on the settings card (admin center: GA only)',
    expected: '403 403 Y DENIED 403 403 403 Y 403',
    run: async (h, who) => {
      const carol = h.user('carol')['o'].caller;
      const tenantId = carol.tenantId;
      // The card carries what it showed; choose the other value, so that every column asks for a change.
      const read = await h.app.domain.policies.getProductPolicy(carol, tenantId, 'CFQ7TTC0HD33');
      const shown = read.ok ? read.value.policy.policyValue : 'Enabled';
      const card = await who.send({
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'policy.save',
            data: {
              verb: 'policy.save',
              actionId: crypto.randomUUID(),
              tenantId,
              shown: { CFQ7TTC0HD33: shown },
              p_CFQ7TTC0HD33: shown === 'Disabled' ? 'Enabled' : 'Disabled',
            },
          },
        },
      });
      return verdict(cardText(invokeCard(card)), 'Self-service trials and purchases');
    },
  },
  {
    name: 'take over and cancel a purchase',
    expected: 'DENIED DENIED Y Y DENIED DENIED DENIED Y DENIED',
    run: async (h, who) => {
      const bob = h.user('bob');
      const checkout = cardWith((await bob.say('buy 1 project plan 3')).replies, 'Checkout');
      const receipt = invokeCard(
        await bob.execute(checkout, 'Confirm and pay $30.00', {
          cardNumber: '4242424242424242',
          cardExpiry: '10/31',
          cardCvc: '123',
          cardHolder: 'B',
        }),
      );
      expect(cardText(receipt)).to.include('Thank you!');
      const bobCaller = bob['o'].caller;
      const mine = await h.app.domain.buyers.myPurchases(bobCaller);
      const subscriptionId = mine.ok
        ? mine.value.filter((v) => v.status === 'Active').at(-1)!.id
        : '';
      const tenantId = bobCaller.tenantId;
      const data = {
        verb: 'takeover.cancel',
        actionId: crypto.randomUUID(),
        tenantId,
        subscriptionId,
        reason: 'centralising',
      };
      const card = await who.send({
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: 'takeover.cancel', data } },
      });
      return verdict(cardText(invokeCard(card)), 'Taken over and cancelled');
    },
  },
];

describe('the §1.2 matrix through the bot', () => {
  let h: Harness;
  before(async () => {
    h = await startBot();
  });
  after(async () => {
    await h.stop();
  });

  for (const row of ROWS) {
    const expected = row.expected.split(/\s+/);
    COLUMNS.forEach(([column, name, tenant], index) => {
      it(`${row.name}: ${column} (${name}) → ${expected[index]}`, async () => {
        const who = h.user(name, tenant ? { tenant } : {});
        const prefix = tenant ? 'as customer Contoso: ' : '';
        expect(await row.run(h, who, prefix)).to.equal(expected[index]);
      });
    });
  }
});
