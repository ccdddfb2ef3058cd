// MSCommerce commands typed in chat, over HTTP: the module's outputs and errors (domain.md §6, S-20, S-21, S-26,
// S-27), a pasted admin script, the command menu's bare cmdlet, and partners acting on a customer (S-18).

import { expect } from 'chai';
import { startBot, type Harness } from '../helpers/botHarness.js';
import { cardText, cardWith, replyTexts, type TeamsUser } from '../helpers/teamsUser.js';

/** The monospace block of the last reply, and the line above it naming the tenant. */
async function ps(user: TeamsUser, command: string): Promise<{ tenant: string; output: string }> {
  const texts = replyTexts((await user.say(command)).replies);
  const text = texts.at(-1) ?? '';
  const match = /^(.*)\n\n```\n([\s\S]*)\n```$/.exec(text);
  if (!match) throw new Error(`Not a console answer: ${text}`);
  return { tenant: match[1]!, output: match[2]! };
}

describe('MSCommerce commands in chat', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startBot();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('needs Connect-MSCommerce first, then answers like the module, naming the tenant', async () => {
    const carol = h.user('carol');
    const before = await ps(
      carol,
      'Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase',
    );
    expect(before.output).to.include(
      'You must call the Connect-MSCommerce cmdlet before calling any other cmdlets',
    );
    expect((await ps(carol, 'Connect-MSCommerce')).output).to.equal(
      'Connection established successfully',
    );
    const listed = await ps(
      carol,
      'get-mscommerceproductpolicies -policyid AllowSelfServicePurchase',
    );
    expect(listed.tenant).to.equal('Tenant: Contoso');
    const lines = listed.output.split('\n');
    expect(lines[0]).to.match(/^PolicyId\s+ProductName\s+ProductId\s+PolicyValue$/);
    // Every product of the policy (§5's 2024 list): the nine sold here, then Copilot and the other seven.
    expect(lines).to.have.length(2 + 17);
    expect(lines.filter((l) => / CFQ7TTC0MM8R Enabled$/.test(l))).to.have.length(1);
    expect(lines.slice(2).every((l) => l.endsWith('Enabled'))).to.equal(true);
    const one = await ps(
      carol,
      'Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0L3PB -Enabled $false',
    );
    expect(one.output).to.equal(
      [
        'Update policy product success',
        '',
        'PolicyId    : AllowSelfServicePurchase',
        'ProductName : Power BI Pro',
        'ProductId   : CFQ7TTC0H9MP',
        'PolicyValue : Disabled',
      ].join('\n'),
    );
    const refused = await h.user('alice').say('buy power bi pro');
    expect(cardText(cardWith(refused.replies, 'Power BI Pro'))).to.include(
      "doesn't allow self-service purchase of Power BI Pro",
    );
  });

  it('Copilot, not sold here, can be read and disabled (-Enabled $false, -Value Disabled); people still cannot buy it here', async () => {
    const carol = h.user('carol');
    const alice = h.user('alice');
    const ask = async (): Promise<string> =>
      cardText(cardWith((await alice.say('can I buy Copilot?')).replies, 'Microsoft 365 Copilot'));
    const askedBefore = await ask();
    expect(askedBefore).to.include("No, you can't buy Microsoft 365 Copilot right now");
    expect(askedBefore).to.include(
      "Microsoft 365 Copilot can't be bought through self-service here. Contact your IT admin.",
    );
    await ps(carol, 'Connect-MSCommerce');
    const copilot = (value: string) =>
      [
        'PolicyId    : AllowSelfServicePurchase',
        'ProductName : Microsoft 365 Copilot',
        'ProductId   : CFQ7TTC0MM8R',
        `PolicyValue : ${value}`,
      ].join('\n');
    const read = await ps(
      carol,
      'Get-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId cfq7ttc0mm8r',
    );
    expect(read).to.deep.equal({ tenant: 'Tenant: Contoso', output: copilot('Enabled') });
    const off = await ps(
      carol,
      'Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0MM8R -Enabled $false',
    );
    expect(off.output).to.equal(`Update policy product success\n\n${copilot('Disabled')}`);
    const on = await ps(
      carol,
      'Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0MM8R -Value Enabled',
    );
    expect(on.output).to.equal(`Update policy product success\n\n${copilot('Enabled')}`);
    const dave = h.user('dave');
    await ps(dave, 'Connect-MSCommerce');
    const offAgain = await ps(
      dave,
      'Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0MM8R -Value Disabled',
    );
    expect(offAgain.output).to.equal(`Update policy product success\n\n${copilot('Disabled')}`);
    const audit = cardText(
      cardWith((await carol.say('audit')).replies, 'Recent self-service policy changes'),
    );
    expect(audit).to.include(
      'Dave Davis changed Microsoft 365 Copilot from Allow to Do not allow (MSCommerce command)',
    );
    expect(audit).to.include(
      'Carol Clark changed Microsoft 365 Copilot from Do not allow to Allow (MSCommerce command)',
    );
    expect(audit).to.include(
      'Carol Clark changed Microsoft 365 Copilot from Allow to Do not allow (MSCommerce command)',
    );
    // Rule 6 comes before rule 7: the answer is the same as before, not "your organization doesn't allow".
    expect(await ask()).to.equal(askedBefore);
  });

  it('a Global reader gets the 403 text and nothing changes', async () => {
    const erin = h.user('erin');
    await ps(erin, 'Connect-MSCommerce');
    const denied = await ps(
      erin,
      'Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0HD32 -Value Disabled',
    );
    expect(denied.output).to.match(
      /^HandleError : Failed to update product policy, ErrorMessage - The remote server returned an error: \(403\) Forbidden\. ErrorDetails - /,
    );
    const read = await ps(
      erin,
      'Get-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0HD32',
    );
    expect(read.output).to.include('PolicyValue : Enabled');
  });

  it('a pasted admin script disables every product; a typo gets PowerShell’s own error', async () => {
    const dave = h.user('dave');
    const script = [
      'Connect-MSCommerce',
      'Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase |',
      '  Where-Object { $_.PolicyValue -eq "Enabled" } |',
      '  ForEach-Object { Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId $_.ProductId -Enabled $false }',
    ].join('\n');
    const ran = await ps(dave, script);
    expect(ran.output.match(/Update policy product success/g)).to.have.length(17);
    const after = await ps(
      dave,
      'Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase',
    );
    const rows = after.output.split('\n').slice(2);
    expect(rows).to.have.length(17);
    expect(rows.every((l) => l.endsWith('Disabled'))).to.equal(true);
    const typo = await ps(
      dave,
      'Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -Product CFQ7TTC0HD32 -Valeu Enabled',
    );
    expect(typo.output).to.include(
      "A parameter cannot be found that matches parameter name 'Valeu'.",
    );
    const misspelt = await ps(dave, 'Conect-MSCommerce');
    expect(misspelt.tenant).to.equal('Tenant: Contoso');
    expect(misspelt.output).to.match(
      /^Conect-MSCommerce : The term 'Conect-MSCommerce' is not recognized/,
    );
  });

  it('the command menu’s bare cmdlet asks for the missing parameter, as PowerShell does', async () => {
    const carol = h.user('carol');
    await ps(carol, 'Connect-MSCommerce');
    const asked = await ps(carol, 'Get-MSCommerceProductPolicies');
    expect(asked.output).to.equal(
      [
        'cmdlet Get-MSCommerceProductPolicies at command pipeline position 1',
        'Supply values for the following parameters:',
        'PolicyId:',
      ].join('\n'),
    );
    const answered = await ps(carol, 'AllowSelfServicePurchase');
    expect(answered.output.split('\n')).to.have.length(2 + 17);
  });

  it('a cmdlet typed at the prompt runs as itself, and the prompt is gone afterwards', async () => {
    const carol = h.user('carol');
    await ps(carol, 'Connect-MSCommerce');
    expect((await ps(carol, 'Get-MSCommercePolicy')).output).to.match(/PolicyId:$/);
    const updated = await ps(
      carol,
      'Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0HD32 -Value Disabled',
    );
    expect(updated.output).to.include('Update policy product success');
    expect(updated.output).to.include('ProductName : Visio Plan 2');
    expect((await ps(carol, 'Get-MSCommercePolicies')).output).to.include(
      'AllowSelfServicePurchase',
    );
    expect((await ps(carol, 'Get-MSCommercePolicy')).output).to.match(/PolicyId:$/);
    const bought = await carol.say('buy power bi pro');
    expect(replyTexts(bought.replies).join('\n')).to.include('How many licenses');
    expect(
      replyTexts((await carol.say('AllowSelfServicePurchase')).replies).join('\n'),
    ).not.to.include('```');
  });

  it('a prompt belongs to the person who opened it: others in the chat are not caught by it', async () => {
    const group = {
      conversationType: 'groupChat',
      conversationId: '19:it-team@thread.v2',
    } as const;
    const carol = h.user('carol', group);
    const dave = h.user('dave', group);
    /** A message in the group chat, @mentioning the bot as Teams requires there. */
    const at = async (user: TeamsUser, text: string): Promise<string> => {
      const mention = { id: 'bot-id', name: 'SSP Bot' };
      const exchange = await user.send({
        type: 'message',
        text: `<at>SSP Bot</at> ${text}`,
        entities: [{ type: 'mention', mentioned: mention, text: '<at>SSP Bot</at>' }],
      });
      return replyTexts(exchange.replies).join('\n');
    };
    await at(carol, 'Connect-MSCommerce');
    expect(await at(carol, 'Get-MSCommerceProductPolicy')).to.match(/PolicyId:\n```$/);
    expect(await at(dave, 'AllowSelfServicePurchase')).not.to.include('ProductId:');
    expect(await at(carol, 'AllowSelfServicePurchase')).to.match(/ProductId:\n```$/);
    expect(await at(carol, 'CFQ7TTC0HD32')).to.include('ProductName : Visio Plan 2');
  });

  it('partners act on the customer they name; rights follow the relationship (S-18)', async () => {
    const pat = h.user('pat', { tenant: 'Adatum Partners' });
    await ps(pat, 'as customer Contoso: Connect-MSCommerce');
    const done = await ps(
      pat,
      'as customer Contoso: Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0KXN8 -Enabled $false',
    );
    expect(done.tenant).to.equal('Tenant: Contoso');
    expect(done.output).to.include('ProductId   : CFQ7TTC0HD32');
    const tom = h.user('tom', { tenant: 'Tailspin MSP' });
    await ps(tom, 'as customer Contoso: Connect-MSCommerce');
    const read = await ps(
      tom,
      'as customer Contoso: Get-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0HD32',
    );
    expect(read.output).to.include('PolicyValue : Disabled');
    const write = await ps(
      tom,
      'as customer Contoso: Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0HD32 -Value Enabled',
    );
    expect(write.output).to.include('(403) Forbidden');
    const northwind = await ps(
      tom,
      'as customer Northwind Traders Brasil: Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0LH2H -Value Disabled',
    );
    expect(northwind.tenant).to.equal('Tenant: Northwind Traders Brasil');
    expect(northwind.output).to.include('Update policy product success');
  });
});
