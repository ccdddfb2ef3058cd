// The scripts admins actually paste (§6 end, §7.1 #4) run end to end; a script that does not parse changes nothing.

import { expect } from 'chai';
import { msCommerceEngine } from '../../dialogs/mscommerce/engine.js';
import { expectOk } from '../helpers/domainFixture.js';
import {
  IN_SCOPE_IDS,
  msCommerceConsole,
  NOT_SOLD_IDS,
  POLICY,
  POLICY_IDS,
} from './consoleFixture.js';

const LIST = `Get-MSCommerceProductPolicies -PolicyId ${POLICY}`;
const UPDATE = `Update-MSCommerceProductPolicy -PolicyId ${POLICY}`;
const LEGACY_IDS = [
  'CFQ7TTC0L3PB',
  'CFQ7TTC0KXG7',
  'CFQ7TTC0KP0P',
  'CFQ7TTC0KP0N',
  'CFQ7TTC0KXG6',
  'CFQ7TTC0KXND',
  'CFQ7TTC0KXNC',
  'CFQ7TTC0KXN9',
  'CFQ7TTC0KXN8',
];
/** The values of every product of the policy (POLICY_IDS order) after a script. */
const ALL_DISABLED = POLICY_IDS.map(() => 'Disabled');
const ALL_ENABLED = POLICY_IDS.map(() => 'Enabled');
/** The nine sold here Disabled, the others (Copilot...) still Enabled: what a list of the nine's legacy ids does. */
const NINE_DISABLED = [...IN_SCOPE_IDS.map(() => 'Disabled'), ...NOT_SOLD_IDS.map(() => 'Enabled')];

describe('typical MSCommerce admin scripts', () => {
  // what, script, how many products it disables (all seventeen of the list, or the nine legacy ids it names)
  const disableAll: [string, string, 'all' | 'nine'][] = [
    [
      'list all → filter Enabled → update each (documented pipeline)',
      `Connect-MSCommerce\n${LIST} | Where-Object { $_.PolicyValue -eq "Enabled" } | ForEach-Object { ${UPDATE} -ProductId $_.ProductId -Enabled $false }`,
      'all',
    ],
    [
      'the same with aliases and the simplified Where syntax, across lines',
      `Connect-MSCommerce\n${LIST} |\n  ? PolicyValue -eq 'Enabled' |\n  % { ${UPDATE} -ProductId $_.ProductId -Value Disabled }`,
      'all',
    ],
    [
      'foreach over the list',
      `Connect-MSCommerce\nforeach ($p in (${LIST})) { ${UPDATE} -ProductId $p.ProductId -Enabled $false }`,
      'all',
    ],
    [
      'a variable, then foreach with braces on their own lines (scripts in the wild)',
      `Connect-MSCommerce\n$products = ${LIST}\nforeach ($prod in $products)\n\n\t{\n\t\t${UPDATE} -ProductId $prod.ProductId -Enabled $false\n\t}`,
      'all',
    ],
    [
      "per-product lines with hard-coded legacy ids (§7.1 #4), after the docs' install lines",
      [
        'Install-Module -Name MSCommerce',
        'Import-Module -Name MSCommerce',
        'Connect-MSCommerce',
        ...LEGACY_IDS.map((id) => `${UPDATE} -ProductId ${id} -Enabled $false`),
      ].join('\n'),
      'nine',
    ],
    [
      'an array of legacy ids piped through ForEach-Object',
      `Connect-MSCommerce\n@(${LEGACY_IDS.map((id) => `"${id}"`).join(', ')}) | ForEach-Object { ${UPDATE} -ProductId "$_" -Enabled $false }`,
      'nine',
    ],
  ];
  for (const [what, script, scope] of disableAll) {
    const title =
      scope === 'all'
        ? 'all seventeen products of the list end Disabled, Copilot included'
        : 'the nine products end Disabled, the others stay Enabled';
    it(`${what}: ${title}`, async () => {
      const c = msCommerceConsole();
      const run = await c.run(script, 'carol', false);
      expect(run.output.filter((o) => o.kind === 'error')).to.deep.equal([]);
      expect(run.text.match(/^Update policy product success$/gm)).to.have.length(
        scope === 'all' ? 17 : 9,
      );
      expect(await c.values()).to.deep.equal(scope === 'all' ? ALL_DISABLED : NINE_DISABLED);
      expect(run.session.connected).to.equal(true);
    });
  }

  it('legacy ids are echoed as the current ids (S-16)', async () => {
    const run = await msCommerceConsole().run(
      LEGACY_IDS.map((id) => `${UPDATE} -ProductId ${id} -Enabled $false`).join('\n'),
    );
    for (const id of LEGACY_IDS) expect(run.text).to.not.contain(id);
    for (const id of IN_SCOPE_IDS) expect(run.text).to.contain(`ProductId   : ${id}`);
  });

  it('running the disable-all pipeline twice updates nothing the second time', async () => {
    const c = msCommerceConsole();
    const script = `${LIST} | Where-Object { $_.PolicyValue -eq 'Enabled' } | ForEach-Object { ${UPDATE} -ProductId $_.ProductId -Enabled $false }`;
    await c.run(script);
    expect((await c.run(script)).text).to.equal('');
    const { entries } = expectOk(await c.f.domain.policies.auditTrail(c.f.as('carol'), c.contoso));
    expect(entries.map((e) => e.target).sort()).to.deep.equal([...POLICY_IDS].sort());
    expect(entries.every((e) => e.via === 'MSCommerce')).to.equal(true);
  });

  it('re-enabling what is disabled works the same way', async () => {
    const c = msCommerceConsole();
    await c.run(`${LIST} | % { ${UPDATE} -ProductId $_.ProductId -Enabled $false }`);
    await c.run(
      `${LIST} | where { $_.PolicyValue -ne 'Enabled' } | foreach { ${UPDATE} -ProductId $_.ProductId -Value Enabled }`,
    );
    expect(await c.values()).to.deep.equal(ALL_ENABLED);
  });

  describe('a script that does not parse changes nothing', () => {
    const broken: [string, string][] = [
      [
        'a missing closing brace',
        `Connect-MSCommerce\n${LIST} | ForEach-Object { ${UPDATE} -ProductId $_.ProductId -Enabled $false`,
      ],
      [
        'a bad last line after good ones',
        `${LEGACY_IDS.map((id) => `${UPDATE} -ProductId ${id} -Enabled $false`).join('\n')}\n${UPDATE} -ProductId "CFQ7TTC0H9MP`,
      ],
      [
        'an unsupported statement in the middle',
        `${UPDATE} -ProductId CFQ7TTC0H9MP -Enabled $false\nif ($x) { }\n${UPDATE} -ProductId CFQ7TTC0LH2H -Enabled $false`,
      ],
    ];
    for (const [what, script] of broken) {
      it(what, async () => {
        const c = msCommerceConsole();
        const run = await c.run(script);
        expect(run.parseFailed).to.equal(true);
        expect(run.text).to.match(/^At line:\d+ char:\d+\n/);
        expect(run.text).to.not.contain('Update policy product success');
        expect(await c.values()).to.deep.equal(ALL_ENABLED);
      });
    }
  });

  it('piping into Update-MSCommerceProductPolicy is refused (it takes no pipeline input) and changes nothing', async () => {
    const c = msCommerceConsole();
    const run = await c.run(`${LIST} | ${UPDATE} -ProductId CFQ7TTC0H9MP -Enabled $false`);
    expect(
      run.text.match(/^Update-MSCommerceProductPolicy : The input object cannot be bound/gm),
    ).to.have.length(POLICY_IDS.length);
    expect(await c.values()).to.deep.equal(ALL_ENABLED);
  });

  it('a runaway loop is stopped after 200 calls', async () => {
    const ids = Array.from({ length: 15 }, (_, i) => `'${i}'`).join(',');
    const run = await msCommerceConsole().run(
      `foreach ($a in ${ids}) { foreach ($b in ${ids}) { Get-MSCommercePolicy -PolicyId ${POLICY} } }`,
    );
    expect(run.text.split('\n').at(-1)).to.equal(
      'The script was stopped after 200 MSCommerce commands.',
    );
  });

  it('a very long answer is cut to fit one chat message, and says so', async () => {
    const values = Array.from({ length: 100 }, () => "'Disabled','Enabled'").join(',');
    const run = await msCommerceConsole().run(
      `foreach ($v in ${values}) { ${UPDATE} -ProductId CFQ7TTC0H9MP -Value $v }`,
    );
    expect(run.text.length).to.be.below(20_100);
    expect(run.text.split('\n').at(-1)).to.match(
      /^\.\.\. \(output truncated: \d+ more characters\)$/,
    );
  });

  it('a long line is shown around the culprit only, as PowerShell does', async () => {
    const run = await msCommerceConsole().run(`Get-MSCommercePolicies ${'y'.repeat(300)} -Foo`);
    expect(run.text.split('\n').slice(1)).to.deep.equal([
      'At line:1 char:325',
      `+ ... ${'y'.repeat(39)} -Foo`,
      `+ ${' '.repeat(44)}~~~~`,
    ]);
  });

  it('the engine object the console uses: recognises, runs, and hands back text and session', async () => {
    const c = msCommerceConsole();
    expect(msCommerceEngine.isScript('Connect-MSCommerce')).to.equal(true);
    const result = await msCommerceEngine.run(
      `Connect-MSCommerce; ${UPDATE} -ProductId CFQ7TTC0H9MP -Enabled $false`,
      { connected: false },
      { policies: c.f.domain.policies, caller: c.f.as('dave'), tenantId: c.contoso },
    );
    expect(result.session).to.deep.equal({ connected: true });
    expect(result.output).to.match(
      /^Connection established successfully\nUpdate policy product success\n\nPolicyId {4}: /,
    );
    expect(await c.valueOf('CFQ7TTC0H9MP')).to.equal('Disabled');
  });
});
