// What the cmdlets print, compared with domain.md §6 word for word (S-16, S-20, S-27, §7.1 #3).

import { expect } from 'chai';
import { expectOk } from '../helpers/domainFixture.js';
import { msCommerceConsole, POLICY, POLICY_IDS } from './consoleFixture.js';

const POWER_BI_PRO_LIST = (value: string) =>
  [
    'PolicyId    : AllowSelfServicePurchase',
    'ProductName : Power BI Pro',
    'ProductId   : CFQ7TTC0H9MP',
    `PolicyValue : ${value}`,
  ].join('\n');

/** Every product the policy covers (§5's 2024 list): the nine sold here, then the others, in catalog order. */
const ALL_PRODUCTS = (value: string) =>
  [
    'PolicyId                 ProductName                        ProductId    PolicyValue',
    '--------                 -----------                        ---------    -----------',
    `AllowSelfServicePurchase Power BI Pro                       CFQ7TTC0H9MP ${value}`,
    `AllowSelfServicePurchase Power BI Premium Per User          CFQ7TTC0H6RP ${value}`,
    `AllowSelfServicePurchase Power Apps per user                CFQ7TTC0LH2H ${value}`,
    `AllowSelfServicePurchase Power Automate per user            CFQ7TTC0LH3L ${value}`,
    `AllowSelfServicePurchase Power Automate RPA                 CFQ7TTC0LSGZ ${value}`,
    `AllowSelfServicePurchase Project Plan 1                     CFQ7TTC0HDB1 ${value}`,
    `AllowSelfServicePurchase Project Plan 3                     CFQ7TTC0HDB0 ${value}`,
    `AllowSelfServicePurchase Visio Plan 1                       CFQ7TTC0HD33 ${value}`,
    `AllowSelfServicePurchase Visio Plan 2                       CFQ7TTC0HD32 ${value}`,
    `AllowSelfServicePurchase Microsoft 365 Copilot              CFQ7TTC0MM8R ${value}`,
    `AllowSelfServicePurchase Microsoft 365 F3                   CFQ7TTC0LH05 ${value}`,
    `AllowSelfServicePurchase Clipchamp Premium                  CFQ7TTC0N8SS ${value}`,
    `AllowSelfServicePurchase Microsoft Purview Discovery        CFQ7TTC0N8SL ${value}`,
    `AllowSelfServicePurchase Python in Excel                    CFQ7TTC0S3X1 ${value}`,
    `AllowSelfServicePurchase Teams Exploratory                  CFQ7TTC0J1FV ${value}`,
    `AllowSelfServicePurchase Teams Premium Introductory Pricing CFQ7TTC0RM8K ${value}`,
    `AllowSelfServicePurchase Viva Goals                         CFQ7TTC0PW0V ${value}`,
  ].join('\n');

describe('MSCommerce output (domain.md §6)', () => {
  it('Connect-MSCommerce prints the module line and connects the session (S-26)', async () => {
    const run = await msCommerceConsole().run('Connect-MSCommerce', 'carol', false);
    expect(run.text).to.equal('Connection established successfully');
    expect(run.session).to.deep.equal({ connected: true });
  });

  it('§6 example: Get-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP is a list', async () => {
    const run = await msCommerceConsole().run(
      `Get-MSCommerceProductPolicy -PolicyId ${POLICY} -ProductId CFQ7TTC0H9MP`,
    );
    expect(run.text).to.equal(POWER_BI_PRO_LIST('Enabled'));
  });

  it('§6 example: Update … -Enabled $false prints the success line, then the list with Disabled', async () => {
    const c = msCommerceConsole();
    const run = await c.run(
      `Update-MSCommerceProductPolicy -PolicyId ${POLICY} -ProductId CFQ7TTC0H9MP -Enabled $false`,
    );
    expect(run.text).to.equal(`Update policy product success\n\n${POWER_BI_PRO_LIST('Disabled')}`);
    expect(await c.valueOf('CFQ7TTC0H9MP')).to.equal('Disabled');
  });

  it('both examples in one script, as in §6', async () => {
    const run = await msCommerceConsole().run(
      `Get-MSCommerceProductPolicy -PolicyId ${POLICY} -ProductId CFQ7TTC0H9MP\n` +
        `Update-MSCommerceProductPolicy -PolicyId ${POLICY} -ProductId CFQ7TTC0H9MP -Enabled $false`,
    );
    expect(run.text).to.equal(
      `${POWER_BI_PRO_LIST('Enabled')}\n\nUpdate policy product success\n\n${POWER_BI_PRO_LIST('Disabled')}`,
    );
  });

  it('a legacy id (CFQ7TTC0L3PB) is accepted and shown as the current one (S-16)', async () => {
    const c = msCommerceConsole();
    const get = await c.run(
      `Get-MSCommerceProductPolicy -PolicyId ${POLICY} -ProductId CFQ7TTC0L3PB`,
    );
    expect(get.text).to.equal(POWER_BI_PRO_LIST('Enabled'));
    const update = await c.run(
      `Update-MSCommerceProductPolicy -PolicyId ${POLICY} -ProductId cfq7ttc0l3pb -Value Disabled`,
    );
    expect(update.text).to.equal(
      `Update policy product success\n\n${POWER_BI_PRO_LIST('Disabled')}`,
    );
  });

  it('Get-MSCommerceProductPolicies lists every product of the policy as a table, in S-20 order', async () => {
    const run = await msCommerceConsole().run(`Get-MSCommerceProductPolicies -PolicyId ${POLICY}`);
    expect(run.text).to.equal(ALL_PRODUCTS('Enabled'));
    const objects = run.output.flatMap((o) => (o.kind === 'value' ? [o.value] : []));
    expect(objects).to.have.length(POLICY_IDS.length);
  });

  it('after disabling every product, the table says Disabled on every line', async () => {
    const c = msCommerceConsole();
    await c.run(
      `Get-MSCommerceProductPolicies -PolicyId ${POLICY} | % { Update-MSCommerceProductPolicy -PolicyId ${POLICY} -ProductId $_.ProductId -Value Disabled }`,
    );
    const run = await c.run(`Get-MSCommerceProductPolicies -PolicyId ${POLICY}`);
    expect(run.text).to.equal(ALL_PRODUCTS('Disabled'));
  });

  it('Copilot, which this bot does not sell, is read and changed like the others (-Enabled $false, -Value)', async () => {
    const c = msCommerceConsole();
    const copilot = (value: string) =>
      [
        'PolicyId    : AllowSelfServicePurchase',
        'ProductName : Microsoft 365 Copilot',
        'ProductId   : CFQ7TTC0MM8R',
        `PolicyValue : ${value}`,
      ].join('\n');
    const get = await c.run(
      `Get-MSCommerceProductPolicy -PolicyId ${POLICY} -ProductId cfq7ttc0mm8r`,
    );
    expect(get.text).to.equal(copilot('Enabled'));
    const off = await c.run(
      `Update-MSCommerceProductPolicy -PolicyId ${POLICY} -ProductId CFQ7TTC0MM8R -Enabled $false`,
    );
    expect(off.text).to.equal(`Update policy product success\n\n${copilot('Disabled')}`);
    expect(await c.valueOf('CFQ7TTC0MM8R')).to.equal('Disabled');
    const on = await c.run(
      `Update-MSCommerceProductPolicy -PolicyId ${POLICY} -ProductId CFQ7TTC0MM8R -Value Enabled`,
    );
    expect(on.text).to.equal(`Update policy product success\n\n${copilot('Enabled')}`);
    const again = await c.run(
      `Update-MSCommerceProductPolicy -PolicyId ${POLICY} -ProductId CFQ7TTC0MM8R -Value Disabled`,
    );
    expect(again.text).to.equal(`Update policy product success\n\n${copilot('Disabled')}`);
    const { entries } = expectOk(await c.f.domain.policies.auditTrail(c.f.as('carol'), c.contoso));
    expect(entries.map((e) => [e.target, e.oldValue, e.newValue, e.via])).to.deep.equal([
      ['CFQ7TTC0MM8R', 'Enabled', 'Disabled', 'MSCommerce'],
      ['CFQ7TTC0MM8R', 'Disabled', 'Enabled', 'MSCommerce'],
      ['CFQ7TTC0MM8R', 'Enabled', 'Disabled', 'MSCommerce'],
    ]);
  });

  it('-Scope OfferType lists the four offer types, PolicyId, Scope, ScopeId, ScopeValue, PolicyValue', async () => {
    const run = await msCommerceConsole().run(
      `Get-MSCommerceProductPolicies -PolicyId ${POLICY} -Scope OfferType`,
    );
    const block = (id: string, name: string) =>
      [
        'PolicyId    : AllowSelfServicePurchase',
        'Scope       : OfferType',
        `ScopeId     : ${id}`,
        `ScopeValue  : ${name}`,
        'PolicyValue : Enabled',
      ].join('\n');
    expect(run.text).to.equal(
      [
        block('SaaS', 'Software as a Service'),
        block('POWERBIVISUALS', 'Power BI Visuals'),
        block('DYNAMICSCE', 'Dynamics 365 Dataverse Apps'),
        block('DYNAMICSBC', 'Dynamics 365 Business Central'),
      ].join('\n\n'),
    );
  });

  it('Get-MSCommerceProductPolicy -OfferType and Update -OfferType show the five-property object', async () => {
    const c = msCommerceConsole();
    const run = await c.run(
      `Update-MSCommerceProductPolicy -PolicyId ${POLICY} -OfferType saas -Value Disabled`,
    );
    expect(run.text).to.equal(
      [
        'Update policy product success',
        '',
        'PolicyId    : AllowSelfServicePurchase',
        'Scope       : OfferType',
        'ScopeId     : SaaS',
        'ScopeValue  : Software as a Service',
        'PolicyValue : Disabled',
      ].join('\n'),
    );
    expect(await c.offerTypeValue('SaaS')).to.equal('Disabled');
    const get = await c.run(`Get-MSCommerceProductPolicy -PolicyId ${POLICY} -OfferType SAAS`);
    expect(get.text).to.equal(run.text.replace('Update policy product success\n\n', ''));
  });

  it('Get-MSCommercePolicies and Get-MSCommercePolicy: DefaultValue stays Enabled after all are disabled (§7.1 #3)', async () => {
    const c = msCommerceConsole();
    const expected = [
      'PolicyId     : AllowSelfServicePurchase',
      'Description  : Allow self-service purchase of products in the tenant',
      'DefaultValue : Enabled',
    ].join('\n');
    await c.run(
      `Get-MSCommerceProductPolicies -PolicyId ${POLICY} | ForEach-Object { Update-MSCommerceProductPolicy -PolicyId ${POLICY} -ProductId $_.ProductId -Enabled $false }`,
    );
    expect(await c.values()).to.deep.equal(POLICY_IDS.map(() => 'Disabled'));
    expect((await c.run('Get-MSCommercePolicies')).text).to.equal(expected);
    expect((await c.run(`Get-MSCommercePolicy -PolicyId ${POLICY}`)).text).to.equal(expected);
  });

  it('a filtered list of two is a table; of one, a list; Format-Table and Format-List choose', async () => {
    const c = msCommerceConsole();
    const list = `Get-MSCommerceProductPolicies -PolicyId ${POLICY}`;
    const two = await c.run(`${list} | Where-Object { $_.ProductName -like 'Visio*' }`);
    expect(two.text).to.equal(
      [
        'PolicyId                 ProductName  ProductId    PolicyValue',
        '--------                 -----------  ---------    -----------',
        'AllowSelfServicePurchase Visio Plan 1 CFQ7TTC0HD33 Enabled',
        'AllowSelfServicePurchase Visio Plan 2 CFQ7TTC0HD32 Enabled',
      ].join('\n'),
    );
    const one = await c.run(`${list} | ? ProductId -eq CFQ7TTC0H9MP`);
    expect(one.text).to.equal(POWER_BI_PRO_LIST('Enabled'));
    const table = await c.run(
      `${list} | ? ProductId -eq CFQ7TTC0H9MP | ft ProductName, PolicyValue`,
    );
    expect(table.text).to.equal(
      ['ProductName  PolicyValue', '-----------  -----------', 'Power BI Pro Enabled'].join('\n'),
    );
    const ids = await c.run(
      `${list} | Where-Object { $_.ProductName -match 'Project' } | % ProductId`,
    );
    expect(ids.text).to.equal('CFQ7TTC0HDB1\nCFQ7TTC0HDB0');
  });

  it('no trailing Success string and no trailing spaces anywhere (S-27)', async () => {
    const run = await msCommerceConsole().run(
      `Connect-MSCommerce\nGet-MSCommercePolicies\nGet-MSCommerceProductPolicies -PolicyId ${POLICY}\n` +
        `Update-MSCommerceProductPolicy -PolicyId ${POLICY} -ProductId CFQ7TTC0HD33 -Value OnlyTrialsWithoutPaymentMethod`,
      'carol',
      false,
    );
    const lines = run.text.split('\n');
    expect(lines).to.not.include('Success');
    expect(lines.filter((l) => l !== l.trimEnd())).to.deep.equal([]);
    expect(run.text).to.contain('PolicyValue : OnlyTrialsWithoutPaymentMethod');
  });
});
