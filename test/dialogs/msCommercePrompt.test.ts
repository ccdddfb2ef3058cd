// The MSCommerce parameter prompt through the main dialog, on the domain clock: it lapses after ten minutes, so the
// next message is read as itself; within the ten minutes it still takes the value.

import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { AdminCommands } from '../../dialogs/admin/adminCommands.js';
import { MsCommerceConsole, PROMPT_LIFETIME_MS } from '../../dialogs/admin/msCommerceConsole.js';
import { MainDialog } from '../../dialogs/mainDialog.js';
import { msCommerceEngine } from '../../dialogs/mscommerce/engine.js';
import { asTeamsUser } from '../helpers/dialogUser.js';
import { fixture, type Fixture } from '../helpers/domainFixture.js';

function client(f: Fixture): DialogTestClient {
  const sendPrivately = () => Promise.resolve(false);
  const admin = new AdminCommands(
    f.domain,
    new MsCommerceConsole(f.domain, msCommerceEngine),
    { offer: () => Promise.resolve({ attachments: [] }) },
    sendPrivately,
  );
  const dialog = new MainDialog(f.domain, sendPrivately, [admin]);
  return new DialogTestClient('msteams', dialog, undefined, [asTeamsUser(f, 'carol', 'en-US')]);
}

async function say(c: DialogTestClient, text: string): Promise<string> {
  const reply = (await c.sendActivity(text)) as Partial<Activity> | undefined;
  return reply?.text ?? '';
}

describe('the MSCommerce parameter prompt', () => {
  it('lapses after ten minutes: the next message is not taken as the parameter', async () => {
    const f = fixture();
    const c = client(f);
    await say(c, 'Connect-MSCommerce');
    expect(await say(c, 'Get-MSCommerceProductPolicies')).to.match(/PolicyId:\n```$/);
    f.clock.advance(PROMPT_LIFETIME_MS + 1000);
    const later = await say(c, 'AllowSelfServicePurchase');
    expect(later).not.to.include('Get-MSCommerceProductPolicies');
    expect(later).not.to.include('```');
  });

  it('within ten minutes it still takes the value', async () => {
    const f = fixture();
    const c = client(f);
    await say(c, 'Connect-MSCommerce');
    expect(await say(c, 'Get-MSCommerceProductPolicies')).to.match(/PolicyId:\n```$/);
    f.clock.advance(PROMPT_LIFETIME_MS - 60_000);
    expect(await say(c, 'AllowSelfServicePurchase')).to.include('Power BI Pro');
  });

  it('"cancel" ends the prompt without running anything', async () => {
    const f = fixture();
    const c = client(f);
    await say(c, 'Connect-MSCommerce');
    await say(c, 'Get-MSCommerceProductPolicies');
    expect(await say(c, 'cancel')).to.include('The operation was cancelled; nothing ran.');
    expect(await say(c, 'AllowSelfServicePurchase')).not.to.include('```');
  });
});
