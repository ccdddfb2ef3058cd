// Who may run which cmdlet on Contoso (§1.2, S-18, S-21): every cmdlet × every role, refusals as 403 lines.

import { expect } from 'chai';
import { msCommerceConsole, POLICY, type Person } from './consoleFixture.js';

interface Cmdlet {
  readonly script: string;
  readonly context: string;
  readonly kind: 'read' | 'write';
  /** For writes: what must have changed when allowed, and stayed when refused. */
  readonly target?: { readonly productId?: string; readonly offerType?: string };
}

const CMDLETS: readonly Cmdlet[] = [
  { script: 'Get-MSCommercePolicies', context: 'Failed to retrieve policies', kind: 'read' },
  {
    script: `Get-MSCommercePolicy -PolicyId ${POLICY}`,
    context: `Failed to retrieve policy with PolicyId '${POLICY}'`,
    kind: 'read',
  },
  {
    script: `Get-MSCommerceProductPolicies -PolicyId ${POLICY}`,
    context: `Failed to retrieve product policy with PolicyId '${POLICY}'`,
    kind: 'read',
  },
  {
    script: `Get-MSCommerceProductPolicies -PolicyId ${POLICY} -Scope OfferType`,
    context: `Failed to retrieve product policy with PolicyId '${POLICY}'`,
    kind: 'read',
  },
  {
    script: `Get-MSCommerceProductPolicy -PolicyId ${POLICY} -ProductId CFQ7TTC0H9MP`,
    context: `Failed to retrieve product policy with PolicyId '${POLICY}' ProductId 'CFQ7TTC0H9MP'`,
    kind: 'read',
  },
  {
    script: `Get-MSCommerceProductPolicy -PolicyId ${POLICY} -OfferType SaaS`,
    context: `Failed to retrieve product policy with PolicyId '${POLICY}' ProductId ''`,
    kind: 'read',
  },
  {
    script: `Update-MSCommerceProductPolicy -PolicyId ${POLICY} -ProductId CFQ7TTC0LH2H -Enabled $false`,
    context: 'Failed to update product policy',
    kind: 'write',
    target: { productId: 'CFQ7TTC0LH2H' },
  },
  {
    script: `Update-MSCommerceProductPolicy -PolicyId ${POLICY} -OfferType SaaS -Value Disabled`,
    context: 'Failed to update product policy',
    kind: 'write',
    target: { offerType: 'SaaS' },
  },
];

// who, what they are, may read, may write
const PEOPLE: readonly [Person, string, boolean, boolean][] = [
  [{ name: 'alice' }, 'plain user', false, false],
  [{ name: 'judy' }, 'guest', false, false],
  [{ name: 'carol' }, 'Global admin', true, true],
  [{ name: 'dave' }, 'Billing admin', true, true],
  [{ name: 'erin' }, 'Global reader', true, false],
  [{ name: 'frank' }, 'License admin', false, false],
  [{ name: 'pat', home: 'Adatum Partners' }, 'partner, DAP Global admin', true, true],
  [
    { name: 'tom', home: 'Tailspin MSP' },
    'partner, GDAP Billing admin + Global reader',
    true,
    false,
  ],
];

const FORBIDDEN = (context: string) =>
  new RegExp(
    `^HandleError : ${context.replace(/[.*+?^${}()|[\]\\']/g, '\\$&')}, ErrorMessage - The remote server returned ` +
      'an error: \\(403\\) Forbidden\\. ErrorDetails - \\{"error":\\{"code":"Forbidden","message":"[^"]+"\\}\\}$',
  );

describe('MSCommerce rights on Contoso (§1.2, S-18, S-21)', () => {
  for (const [person, what, mayRead, mayWrite] of PEOPLE) {
    describe(`${person.name} (${what})`, () => {
      it('can connect: authorization is on the server (§6.1)', async () => {
        const run = await msCommerceConsole().run('Connect-MSCommerce', person, false);
        expect(run.text).to.equal('Connection established successfully');
      });

      for (const cmdlet of CMDLETS) {
        const allowed = cmdlet.kind === 'read' ? mayRead : mayWrite;
        it(`${allowed ? 'may' : 'may not'} run ${cmdlet.script.split(' -PolicyId')[0]}${cmdlet.script.split(POLICY)[1] ?? ''}`, async () => {
          const c = msCommerceConsole();
          const run = await c.run(cmdlet.script, person);
          if (allowed) {
            expect(run.text).to.not.contain('HandleError');
            expect(run.text).to.match(
              /^(Update policy product success\n\n)?PolicyId +(: |ProductName)/,
            );
          } else {
            expect(run.text).to.match(FORBIDDEN(cmdlet.context));
          }
          const { productId, offerType } = cmdlet.target ?? {};
          const changed = allowed ? 'Disabled' : 'Enabled';
          if (productId) expect(await c.valueOf(productId)).to.equal(changed);
          if (offerType) expect(await c.offerTypeValue(offerType)).to.equal(changed);
        });
      }
    });
  }
});
