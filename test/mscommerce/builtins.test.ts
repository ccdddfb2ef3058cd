// PowerShell's own cmdlets that pasted admin scripts use around the module's (Write-Host, Out-Null, Select-Object,
// Sort-Object), and PowerShell's "not recognized" error for a misspelt module cmdlet.

import { expect } from 'chai';
import { isMsCommerceScript } from '../../dialogs/mscommerce/isMsCommerceScript.js';
import { msCommerceConsole, POLICY } from './consoleFixture.js';

const LIST = `Get-MSCommerceProductPolicies -PolicyId ${POLICY}`;
const UPDATE = `Update-MSCommerceProductPolicy -PolicyId ${POLICY}`;

describe('Write-Host, Out-Null, Select-Object and Sort-Object', () => {
  it('a script with Write-Host progress lines and Out-Null runs its pipeline', async () => {
    const c = msCommerceConsole();
    const script = [
      'Write-Host "Disabling every product"',
      `foreach ($p in (${LIST})) {`,
      '  Write-Host "Disabling $($p.ProductName)"',
      `  ${UPDATE} -ProductId $p.ProductId -Enabled $false | Out-Null`,
      '}',
      'Write-Host Done',
    ].join('\n');
    const run = await c.run(script);
    expect(run.output.filter((o) => o.kind === 'error')).to.deep.equal([]);
    const lines = run.text.split('\n');
    expect(lines[0]).to.equal('Disabling every product');
    expect(lines).to.include('Disabling Visio Plan 2');
    expect(lines.at(-1)).to.equal('Done');
    expect(run.text).not.to.include('PolicyValue :');
    expect(run.text).not.to.include('is not recognized');
    expect((await c.values()).every((v) => v === 'Disabled')).to.equal(true);
  });

  it('Write-Host in a pipeline writes each item; Out-Null on its own writes nothing', async () => {
    const c = msCommerceConsole();
    const run = await c.run(`${LIST} | ForEach-Object ProductName | Write-Host\nOut-Null`);
    expect(run.text.split('\n')).to.include('Visio Plan 2');
    expect(run.output.filter((o) => o.kind === 'error')).to.deep.equal([]);
  });

  it('Select-Object -Property picks columns; Select is its alias', async () => {
    const c = msCommerceConsole();
    const run = await c.run(`${LIST} | Select-Object -Property ProductName,PolicyValue`);
    const lines = run.text.split('\n');
    expect(lines[0]).to.match(/^ProductName\s+PolicyValue$/);
    // The header, its dashes, then every product of the policy (the nine, then Copilot and the other seven).
    expect(lines).to.have.length(2 + 17);
    expect(lines[2]).to.match(/^Power BI Pro\s+Enabled$/);
    expect(lines.at(-1)).to.match(/^Viva Goals\s+Enabled$/);
    const alias = await c.run(`${LIST} | select productname, policyvalue`);
    expect(alias.text).to.equal(run.text);
    const first = await c.run(`${LIST} | Select -First 1 -ExpandProperty ProductId`);
    expect(first.text).to.equal('CFQ7TTC0H9MP');
  });

  it('Sort-Object sorts by a property, -Descending reverses, and it combines with Select', async () => {
    const c = msCommerceConsole();
    const names = async (script: string) =>
      (await c.run(script)).text.split('\n').filter((l) => l.trim() !== '');
    const ascending = await names(`${LIST} | Sort-Object -Property ProductName | % ProductName`);
    // Case-insensitive, as PowerShell compares text: 'per user' comes before 'RPA'.
    expect(ascending).to.deep.equal(
      [...ascending].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)),
    );
    expect(ascending).to.deep.equal([
      'Clipchamp Premium',
      'Microsoft 365 Copilot',
      'Microsoft 365 F3',
      'Microsoft Purview Discovery',
      'Power Apps per user',
      'Power Automate per user',
      'Power Automate RPA',
      'Power BI Premium Per User',
      'Power BI Pro',
      'Project Plan 1',
      'Project Plan 3',
      'Python in Excel',
      'Teams Exploratory',
      'Teams Premium Introductory Pricing',
      'Visio Plan 1',
      'Visio Plan 2',
      'Viva Goals',
    ]);
    const descending = await names(`${LIST} | Sort-Object ProductName -Descending | % ProductName`);
    expect(descending).to.deep.equal([...ascending].reverse());
    const top = await c.run(
      `${LIST} | sort ProductName -Descending | Select-Object -First 2 -Property ProductName`,
    );
    expect(top.text.split('\n')).to.deep.equal([
      'ProductName',
      '-----------',
      'Viva Goals',
      'Visio Plan 2',
    ]);
  });

  it('their parameters bind like PowerShell: an unknown one is PowerShell’s error, and nothing runs', async () => {
    const c = msCommerceConsole();
    const run = await c.run(
      `${LIST} | Select-Object -Frist 2 | ForEach-Object { ${UPDATE} -ProductId $_.ProductId -Value Disabled }`,
    );
    expect(run.text).to.include(
      "Select-Object : A parameter cannot be found that matches parameter name 'Frist'.",
    );
    expect(run.text).not.to.include('Update policy product success');
    expect(await c.valueOf('CFQ7TTC0HD32')).to.equal('Enabled');
  });
});

describe('a misspelt module cmdlet', () => {
  for (const name of ['Get-MSCommerceProductPolicys', 'Set-MSCommerceProductPolicy']) {
    it(`${name} gets PowerShell's "not recognized" error`, async () => {
      const line = `${name} -PolicyId ${POLICY} -ProductId CFQ7TTC0HD32`;
      expect(isMsCommerceScript(line)).to.equal(true);
      const run = await msCommerceConsole().run(line);
      expect(run.text).to.match(
        new RegExp(`^${name} : The term '${name}' is not recognized as the name of a cmdlet`),
      );
    });
  }

  it('a script whose first line is Conect-MSCommerce is run: the typo is reported, then not connected', async () => {
    const script = `Conect-MSCommerce\n${LIST}`;
    expect(isMsCommerceScript(script)).to.equal(true);
    const run = await msCommerceConsole().run(script, 'carol', false);
    expect(run.text).to.include(
      "Conect-MSCommerce : The term 'Conect-MSCommerce' is not recognized as the name of a cmdlet",
    );
    expect(run.text).to.include('You must call the Connect-MSCommerce cmdlet');
  });
});
