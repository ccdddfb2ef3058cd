// Every admin answer names the tenant it acted on, refusals and questions included, and a partner who may not do
// something is told the partner rules of S-18 (only the Global admin role changes policies), over HTTP.

import { expect } from 'chai';
import { startBot, type Harness } from '../helpers/botHarness.js';
import { allText } from '../helpers/teamsUser.js';

describe('partner answers name the tenant (S-18)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startBot();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('a partner Billing admin’s refused policy change names the customer and the partner rule', async () => {
    const tom = h.user('tom', { tenant: 'Tailspin MSP' });
    const refused = allText(await tom.say('as customer Contoso: disable Visio Plan 2'));
    expect(refused).to.include("You don't have a role that may do that for this customer.");
    expect(refused).to.include('As a partner you need the Global admin role to change policies');
    expect(refused).not.to.include('Billing admin to change policies');
    expect(refused).to.include('Tenant: Contoso');

    const swedish = h.user('tom', { tenant: 'Tailspin MSP', locale: 'sv-SE' });
    const sv = allText(await swedish.say('som kund Contoso: stäng av Visio Plan 2'));
    expect(sv).to.include('Som partner behöver du rollen global administratör');
    expect(sv).to.include('Klientorganisation: Contoso');
  });

  it('refused requests, the trials-only 400 and the "which one?" question name the customer', async () => {
    const tom = h.user('tom', { tenant: 'Tailspin MSP' });
    const requests = allText(await tom.say('as customer Contoso: requests'));
    expect(requests).to.include("You don't have the admin role needed for that.");
    expect(requests).to.include('Tenant: Contoso');

    const pat = h.user('pat', { tenant: 'Adatum Partners' });
    const badRequest = allText(
      await pat.say('as customer Contoso: allow only trials of Power BI Pro'),
    );
    expect(badRequest).to.include('Power BI Pro has no free trial without a payment method');
    expect(badRequest).to.include('Tenant: Contoso');

    const which = allText(await pat.say('as customer Contoso: disable visio'));
    expect(which).to.include('can mean Visio Plan 1 and Visio Plan 2');
    expect(which).to.include('Tenant: Contoso');
    const unknown = allText(await tom.say('as customer contoso.com: purchases of Visoi Pln 9'));
    expect(unknown).to.include("I don't know a product called");
    expect(unknown).to.include('Tenant: Contoso');
  });

  it('an admin’s refusal in their own tenant names it too, with the tenant’s own rule', async () => {
    const erin = h.user('erin');
    const refused = allText(await erin.say('disable Power Apps'));
    expect(refused).to.include(
      "You don't have a role that may do that (Global admin or Billing admin",
    );
    expect(refused).to.include('Tenant: Contoso');
  });
});
