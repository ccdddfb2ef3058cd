// End to end over HTTP: a directory display name full of Markdown is shown literally on the welcome card and in
// the "request sent" answer (names come from Entra ID, where anyone with a say over their profile can set them).

import { expect } from 'chai';
import { startBotWithSeed, type Harness } from '../helpers/botHarness.js';
import { PRODUCT } from '../helpers/domainFixture.js';
import { cardText, cardWith, invokeCard } from '../helpers/teamsUser.js';

const FORGED = '[Refund approved - click here](https://evil.example) **URGENT**';
const ESCAPED = '\\[Refund approved - click here\\]\\(https://evil.example\\) \\*\\*URGENT\\*\\*';

describe('directory names on cards over HTTP', () => {
  let h: Harness;
  before(async () => {
    h = await startBotWithSeed(
      (seed: { tenants: { users: { upn: string; displayName: string }[] }[] }) => {
        seed.tenants[0]!.users.find((u) => u.upn === 'bob@contoso.com')!.displayName = FORGED;
      },
    );
  });
  after(async () => {
    await h.stop();
  });

  it('the welcome card (on install and on "hi") and the request answer escape the name', async () => {
    const bob = h.user('bob');
    const installed = cardText(cardWith((await bob.install()).replies, 'purchase assistant'));
    const hello = cardText(cardWith((await bob.say('hi')).replies, 'purchase assistant'));
    for (const text of [installed, hello]) {
      expect(text).to.include(ESCAPED);
      expect(text).not.to.include('[Refund approved - click here](https://evil.example)');
    }

    const carol = h.user('carol');
    const policy = await h.app.domain.policies.updateProductPolicy(
      carol['o'].caller,
      carol['o'].caller.tenantId,
      PRODUCT.projectPlan3,
      'Disabled',
      'MSCommerce',
    );
    expect(policy.ok).to.equal(true);
    const form = cardWith(
      (await bob.say('request a license for project plan 3')).replies,
      'Request Project Plan 3 licenses',
    );
    const sent = cardText(invokeCard(await bob.execute(form, 'Send request')));
    expect(sent).to.include('Request sent: Project Plan 3');
    expect(sent).to.include(ESCAPED);
    expect(sent).not.to.include('[Refund approved - click here](https://evil.example)');
  });
});
