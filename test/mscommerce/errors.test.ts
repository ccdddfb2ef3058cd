// Errors in the module's and PowerShell's words (§6.1, §6.2, S-19, S-21), and that a refused change changes nothing.

import { expect } from 'chai';
import sinon from 'sinon';
import { runScript } from '../../dialogs/mscommerce/executor.js';
import { MemoryAtomicStore } from '../../services/store/memoryStore.js';
import { fixture } from '../helpers/domainFixture.js';
import { FaultyStore } from '../helpers/faultyStore.js';
import { tenantId } from '../helpers/seed.js';
import { msCommerceConsole, POLICY } from './consoleFixture.js';

const UPDATE = `Update-MSCommerceProductPolicy -PolicyId ${POLICY}`;
const http = (context: string, status: string, code: string, message: string) =>
  `HandleError : ${context}, ErrorMessage - The remote server returned an error: ${status} ` +
  `ErrorDetails - {"error":{"code":"${code}","message":"${message}"}}`;
const FORBIDDEN_CHANGE =
  'The signed-in user is not allowed to change self-service purchase policies in this tenant. ' +
  'Global Administrator or Billing Administrator is required (a partner needs Global Administrator).';

describe('MSCommerce errors', () => {
  describe('HTTP refusals as HandleError lines (S-21); nothing changes', () => {
    // what, who, script, exact output, product that must still be Enabled
    const cases: [string, string, string, string, string][] = [
      [
        'an unknown ProductId on Update → 404',
        'carol',
        `${UPDATE} -ProductId CFQ7TTC0XXXX -Enabled $false`,
        http(
          'Failed to update product policy',
          '(404) Not Found.',
          'NotFound',
          "Product 'CFQ7TTC0XXXX' was not found for policy 'AllowSelfServicePurchase'.",
        ),
        'CFQ7TTC0H9MP',
      ],
      [
        'an unknown ProductId on Get → 404 with the ProductId in the context',
        'carol',
        `Get-MSCommerceProductPolicy -PolicyId ${POLICY} -ProductId CFQ7TTC0XXXX`,
        http(
          "Failed to retrieve product policy with PolicyId 'AllowSelfServicePurchase' ProductId 'CFQ7TTC0XXXX'",
          '(404) Not Found.',
          'NotFound',
          "Product 'CFQ7TTC0XXXX' was not found for policy 'AllowSelfServicePurchase'.",
        ),
        'CFQ7TTC0H9MP',
      ],
      [
        // Listed 2021–2023, absent from §5's 2024 list: the policy no longer knows it.
        'a product dropped from the policy (Windows 365 Enterprise) → 404',
        'carol',
        `${UPDATE} -ProductId CFQ7TTC0HHS9 -Value Disabled`,
        http(
          'Failed to update product policy',
          '(404) Not Found.',
          'NotFound',
          "Product 'CFQ7TTC0HHS9' was not found for policy 'AllowSelfServicePurchase'.",
        ),
        'CFQ7TTC0H9MP',
      ],
      [
        'another PolicyId on Update → 404',
        'carol',
        'Update-MSCommerceProductPolicy -PolicyId AllowTrials -ProductId CFQ7TTC0LH2H -Enabled $false',
        http(
          'Failed to update product policy',
          '(404) Not Found.',
          'NotFound',
          "Policy 'AllowTrials' was not found.",
        ),
        'CFQ7TTC0LH2H',
      ],
      [
        'another PolicyId on Get-MSCommercePolicy → 404',
        'carol',
        'Get-MSCommercePolicy -PolicyId AllowTrials',
        http(
          "Failed to retrieve policy with PolicyId 'AllowTrials'",
          '(404) Not Found.',
          'NotFound',
          "Policy 'AllowTrials' was not found.",
        ),
        'CFQ7TTC0LH2H',
      ],
      [
        'another PolicyId on Get-MSCommerceProductPolicies → 404',
        'carol',
        'Get-MSCommerceProductPolicies -PolicyId AllowTrials',
        http(
          "Failed to retrieve product policy with PolicyId 'AllowTrials'",
          '(404) Not Found.',
          'NotFound',
          "Policy 'AllowTrials' was not found.",
        ),
        'CFQ7TTC0LH2H',
      ],
      [
        'an unknown offer type → 404 (the module names ProductId, empty, in this context)',
        'carol',
        `Get-MSCommerceProductPolicy -PolicyId ${POLICY} -OfferType AZURE`,
        http(
          "Failed to retrieve product policy with PolicyId 'AllowSelfServicePurchase' ProductId ''",
          '(404) Not Found.',
          'NotFound',
          "Offer type 'AZURE' was not found for policy 'AllowSelfServicePurchase'.",
        ),
        'CFQ7TTC0H9MP',
      ],
      [
        'a Global reader updating → 403',
        'erin',
        `${UPDATE} -ProductId CFQ7TTC0LH2H -Enabled $false`,
        http('Failed to update product policy', '(403) Forbidden.', 'Forbidden', FORBIDDEN_CHANGE),
        'CFQ7TTC0LH2H',
      ],
      [
        'trials-only on Power BI Pro, which has no free trial → 400 (S-19)',
        'carol',
        `${UPDATE} -ProductId CFQ7TTC0H9MP -Value OnlyTrialsWithoutPaymentMethod`,
        http(
          'Failed to update product policy',
          '(400) Bad Request.',
          'BadRequest',
          "The value 'OnlyTrialsWithoutPaymentMethod' is not supported for product 'CFQ7TTC0H9MP' (Power BI Pro): it has no trial without a payment method.",
        ),
        'CFQ7TTC0H9MP',
      ],
      [
        'trials-only on Copilot, which the bot does not sell and which has no free trial → 400 (S-19)',
        'carol',
        `${UPDATE} -ProductId CFQ7TTC0MM8R -Value OnlyTrialsWithoutPaymentMethod`,
        http(
          'Failed to update product policy',
          '(400) Bad Request.',
          'BadRequest',
          "The value 'OnlyTrialsWithoutPaymentMethod' is not supported for product 'CFQ7TTC0MM8R' (Microsoft 365 Copilot): it has no trial without a payment method.",
        ),
        'CFQ7TTC0MM8R',
      ],
      [
        'an unknown -Scope → 400',
        'carol',
        `Get-MSCommerceProductPolicies -PolicyId ${POLICY} -Scope Tenant`,
        http(
          "Failed to retrieve product policy with PolicyId 'AllowSelfServicePurchase'",
          '(400) Bad Request.',
          'BadRequest',
          "Scope 'Tenant' is not supported. Use Product or OfferType.",
        ),
        'CFQ7TTC0H9MP',
      ],
    ];
    for (const [what, who, script, expected, product] of cases) {
      it(what, async () => {
        const c = msCommerceConsole();
        expect((await c.run(script, who)).text).to.equal(expected);
        expect(await c.valueOf(product)).to.equal('Enabled');
      });
    }
  });

  it('trials-only on Teams Exploratory, not sold here but with a free trial, is accepted (§5, S-19)', async () => {
    const c = msCommerceConsole();
    const run = await c.run(
      `${UPDATE} -ProductId CFQ7TTC0J1FV -Value OnlyTrialsWithoutPaymentMethod`,
    );
    expect(run.text).to.equal(
      [
        'Update policy product success',
        '',
        'PolicyId    : AllowSelfServicePurchase',
        'ProductName : Teams Exploratory',
        'ProductId   : CFQ7TTC0J1FV',
        'PolicyValue : OnlyTrialsWithoutPaymentMethod',
      ].join('\n'),
    );
    expect(await c.valueOf('CFQ7TTC0J1FV')).to.equal('OnlyTrialsWithoutPaymentMethod');
  });

  it('trials-only on an offer type → 400 and unchanged (S-19)', async () => {
    const c = msCommerceConsole();
    const run = await c.run(`${UPDATE} -OfferType SaaS -Value OnlyTrialsWithoutPaymentMethod`);
    expect(run.text).to.equal(
      http(
        'Failed to update product policy',
        '(400) Bad Request.',
        'BadRequest',
        "The value 'OnlyTrialsWithoutPaymentMethod' is not supported for offer type 'SaaS'. Offer types accept Enabled or Disabled.",
      ),
    );
    expect(await c.offerTypeValue('SaaS')).to.equal('Enabled');
  });

  it('the directory being down → 503 with a hint to retry', async () => {
    const c = msCommerceConsole();
    sinon.stub(c.f.directory, 'getUser').rejects(new Error('Graph timed out'));
    try {
      const run = await c.run(`Get-MSCommerceProductPolicies -PolicyId ${POLICY}`);
      expect(run.text).to.equal(
        http(
          "Failed to retrieve product policy with PolicyId 'AllowSelfServicePurchase'",
          '(503) Server Unavailable.',
          'ServiceUnavailable',
          'The service is temporarily unavailable. Try the command again in a few minutes.',
        ),
      );
    } finally {
      sinon.restore();
    }
  });

  it('a store outage mid-script: a 503 line, the lines before and after keep their output, the error is reported', async () => {
    const store = new FaultyStore(new MemoryAtomicStore());
    const f = fixture({ store });
    const contoso = tenantId(f.seed, 'Contoso');
    store.inject({ operation: 'get', match: (key) => key === `policy:${contoso}`, times: 1 });
    const reported: unknown[] = [];
    const deps = {
      policies: f.domain.policies,
      caller: f.as('carol'),
      tenantId: contoso,
      report: (error: unknown) => reported.push(error),
    };
    // The first read of the policy document fails; the two updates after it succeed.
    const run = await runScript(
      `Get-MSCommerceProductPolicy -PolicyId ${POLICY} -ProductId CFQ7TTC0H9MP\n` +
        `${UPDATE} -ProductId CFQ7TTC0H9MP -Enabled $false\n${UPDATE} -ProductId CFQ7TTC0LH2H -Enabled $false`,
      { connected: true },
      deps,
    );
    const lines = run.text.split('\n');
    expect(lines[0]).to.equal(
      http(
        `Failed to retrieve product policy with PolicyId '${POLICY}' ProductId 'CFQ7TTC0H9MP'`,
        '(503) Server Unavailable.',
        'ServiceUnavailable',
        'The service could not complete the request. Check the current value with the Get cmdlets, then try again.',
      ),
    );
    expect(run.text.match(/^Update policy product success$/gm)).to.have.length(2);
    expect(reported).to.have.length(1);
    expect(await f.domain.policies.valueFor(contoso, 'CFQ7TTC0LH2H')).to.equal('Disabled');
  });

  it('an update looks the caller up once, so a directory failing after authorization cannot break it', async () => {
    const c = msCommerceConsole();
    const directory = c.f.directory;
    const lookUp = directory.getUser.bind(directory);
    let calls = 0;
    sinon.stub(directory, 'getUser').callsFake((tenant, user) => {
      calls++;
      return calls === 1 ? lookUp(tenant, user) : Promise.reject(new Error('Graph timed out'));
    });
    try {
      const result = await c.f.domain.policies.updateProductPolicy(
        c.f.as('carol'),
        c.contoso,
        'CFQ7TTC0H9MP',
        'Disabled',
        'MSCommerce',
      );
      expect(result.ok).to.equal(true);
      expect(calls).to.equal(1);
    } finally {
      sinon.restore();
    }
    const audit = await c.f.domain.policies.auditTrail(c.f.as('carol'), c.contoso);
    expect(audit.ok && audit.value.entries[0]?.byDisplayName).to.equal('Carol Clark');
  });

  describe('not connected (S-26)', () => {
    it('fails with the module text, stops the script, and changes nothing', async () => {
      const c = msCommerceConsole();
      const run = await c.run(
        `${UPDATE} -ProductId CFQ7TTC0H9MP -Enabled $false\nConnect-MSCommerce\n${UPDATE} -ProductId CFQ7TTC0LH2H -Enabled $false`,
        'carol',
        false,
      );
      expect(run.text).to.equal(
        'You must call the Connect-MSCommerce cmdlet before calling any other cmdlets',
      );
      expect(run.session.connected).to.equal(false);
      expect(await c.valueOf('CFQ7TTC0H9MP')).to.equal('Enabled');
      expect(await c.valueOf('CFQ7TTC0LH2H')).to.equal('Enabled');
    });

    for (const script of [
      'Get-MSCommercePolicies',
      `Get-MSCommercePolicy -PolicyId ${POLICY}`,
      `Get-MSCommerceProductPolicies -PolicyId ${POLICY}`,
      `Get-MSCommerceProductPolicy -PolicyId ${POLICY} -ProductId CFQ7TTC0H9MP`,
      `${UPDATE} -ProductId CFQ7TTC0H9MP -Value Disabled -WhatIf`,
    ]) {
      it(`${script.split(' ')[0]} before Connect-MSCommerce`, async () => {
        const run = await msCommerceConsole().run(script, 'carol', false);
        expect(run.text).to.equal(
          'You must call the Connect-MSCommerce cmdlet before calling any other cmdlets',
        );
      });
    }

    it('a bad -Enabled is reported first, as the module checks it before the connection', async () => {
      const run = await msCommerceConsole().run(
        `${UPDATE} -ProductId CFQ7TTC0H9MP -Enabled maybe`,
        'carol',
        false,
      );
      expect(run.text).to.equal(
        'Update-MSCommerceProductPolicy : Value of $Enabled must be one of the following: $True, $true, $False, $false',
      );
    });
  });

  describe('ShouldProcess: nothing changes', () => {
    const cases: [string, string][] = [
      [
        '-WhatIf',
        'What if: Performing the operation "Update-MSCommerceProductPolicy" on target "ShouldProcess?".\nUpdating product policy aborted',
      ],
      [
        '-WhatIf:$true',
        'What if: Performing the operation "Update-MSCommerceProductPolicy" on target "ShouldProcess?".\nUpdating product policy aborted',
      ],
      ['-Confirm', 'Updating product policy aborted'],
    ];
    for (const [flag, expected] of cases) {
      it(`${flag} → aborted`, async () => {
        const c = msCommerceConsole();
        const run = await c.run(`${UPDATE} -ProductId CFQ7TTC0H9MP -Enabled $false ${flag}`);
        expect(run.text).to.equal(expected);
        expect(await c.valueOf('CFQ7TTC0H9MP')).to.equal('Enabled');
      });
    }

    it('-WhatIf $true: $true is positional and binds to -Token, as in PowerShell; still aborted', async () => {
      const c = msCommerceConsole();
      const run = await c.run(`${UPDATE} -ProductId CFQ7TTC0H9MP -Enabled $false -WhatIf $true`);
      expect(run.text).to.match(/Updating product policy aborted$/);
      expect(await c.valueOf('CFQ7TTC0H9MP')).to.equal('Enabled');
    });

    it('-WhatIf:$false and -Confirm:$false go ahead', async () => {
      const c = msCommerceConsole();
      const run = await c.run(
        `${UPDATE} -ProductId CFQ7TTC0H9MP -Enabled $false -WhatIf:$false -Confirm:$false`,
      );
      expect(run.text).to.match(/^Update policy product success\n/);
      expect(await c.valueOf('CFQ7TTC0H9MP')).to.equal('Disabled');
    });
  });
});
