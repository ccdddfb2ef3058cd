// Parameter binding in PowerShell's words: names, prefixes, sets, validation, positions; and the spellings accepted.

import { expect } from 'chai';
import { msCommerceConsole, POLICY } from './consoleFixture.js';

const UPDATE = `Update-MSCommerceProductPolicy -PolicyId ${POLICY}`;

describe('MSCommerce parameter binding', () => {
  describe('parameter binding, in PowerShell words; nothing changes', () => {
    // script after `Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase`, first line of the output
    const cases: [string, string][] = [
      [
        '-ProductId CFQ7TTC0H9MP -Foo 1 -Enabled $false',
        "A parameter cannot be found that matches parameter name 'Foo'.",
      ],
      [
        '-ProductId CFQ7TTC0H9MP -Value Off',
        'Cannot validate argument on parameter \'Value\'. The argument "Off" does not belong to the set "Enabled,Disabled,OnlyTrialsWithoutPaymentMethod" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.',
      ],
      [
        '-ProductId CFQ7TTC0H9MP -Enabled maybe',
        'Value of $Enabled must be one of the following: $True, $true, $False, $false',
      ],
      [
        '-ProductId CFQ7TTC0H9MP -Enabled 0',
        'Value of $Enabled must be one of the following: $True, $true, $False, $false',
      ],
      [
        '-ProductId CFQ7TTC0H9MP -Value Disabled -Enabled $false',
        'Parameter set cannot be resolved using the specified named parameters.',
      ],
      [
        '-ProductId CFQ7TTC0H9MP -OfferType SaaS -Value Disabled',
        'Parameter set cannot be resolved using the specified named parameters.',
      ],
      ['-OfferType SaaS', 'Parameter set cannot be resolved using the specified named parameters.'],
      [
        '-ProductId CFQ7TTC0H9MP',
        'Cannot process command because of one or more missing mandatory parameters: Value.',
      ],
      [
        '-Value Disabled',
        'Cannot process command because of one or more missing mandatory parameters: ProductId.',
      ],
      ['-Enabled $false', 'Parameter set cannot be resolved using the specified named parameters.'],
      [
        '-P CFQ7TTC0H9MP -Enabled $false',
        "Parameter cannot be processed because the parameter name 'P' is ambiguous. Possible matches include: -PolicyId -ProductId -PipelineVariable.",
      ],
      [
        '-E $false -ProductId CFQ7TTC0H9MP',
        "Parameter cannot be processed because the parameter name 'E' is ambiguous. Possible matches include: -Enabled -ErrorAction -ErrorVariable.",
      ],
      [
        '-ProductId CFQ7TTC0KP0N,CFQ7TTC0KP0P -Enabled $false',
        "Cannot convert 'System.Object[]' to the type 'System.String' required by parameter 'ProductId'. Specified method is not supported.",
      ],
      [
        "-ProductId '' -Enabled $false",
        "Cannot validate argument on parameter 'ProductId'. The argument is null or empty. Provide an argument that is not null or empty, and then try the command again.",
      ],
      [
        '-ProductId $p.ProductId -Enabled $false',
        "Cannot validate argument on parameter 'ProductId'. The argument is null or empty. Provide an argument that is not null or empty, and then try the command again.",
      ],
      [
        '-ProductId CFQ7TTC0H9MP -ProductId CFQ7TTC0H9MP -Enabled $false',
        "Cannot bind parameter because parameter 'ProductId' is specified more than once.",
      ],
      [
        '-ProductId -Enabled $false',
        "Missing an argument for parameter 'ProductId'. Specify a parameter of type 'System.String' and try again.",
      ],
      [
        '-ProductId CFQ7TTC0H9MP -Enabled',
        "Missing an argument for parameter 'Enabled'. Specify a parameter of type 'System.String' and try again.",
      ],
      [
        '-ProductId CFQ7TTC0H9MP -Enabled $false -WhatIf:maybe',
        "Cannot process argument transformation on parameter 'WhatIf'.",
      ],
      [
        '-ProductId CFQ7TTC0H9MP -Enabled $false -Token t extra',
        "A positional parameter cannot be found that accepts argument 'extra'.",
      ],
    ];
    for (const [rest, message] of cases) {
      it(rest, async () => {
        const c = msCommerceConsole();
        const run = await c.run(`${UPDATE} ${rest}`);
        expect(run.text.split('\n')[0]).to.contain(`Update-MSCommerceProductPolicy : ${message}`);
        expect(await c.valueOf('CFQ7TTC0H9MP')).to.equal('Enabled');
      });
    }

    it('points at the culprit with PowerShell\'s "At line" block', async () => {
      const run = await msCommerceConsole().run(`Connect-MSCommerce\n${UPDATE} -Foo 1`);
      expect(run.text).to.equal(
        [
          'Connection established successfully',
          "Update-MSCommerceProductPolicy : A parameter cannot be found that matches parameter name 'Foo'.",
          'At line:2 char:67',
          `+ ${UPDATE} -Foo 1`,
          `+ ${' '.repeat(66)}~~~~`,
        ].join('\n'),
      );
    });

    it('an unknown cmdlet is PowerShell\'s "not recognized" error, and the next line still runs', async () => {
      const c = msCommerceConsole();
      const run = await c.run(
        `Disable-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP\n${UPDATE} -ProductId CFQ7TTC0H9MP -Enabled $false`,
      );
      expect(run.text.split('\n')[0]).to.equal(
        "Disable-MSCommerceProductPolicy : The term 'Disable-MSCommerceProductPolicy' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.",
      );
      expect(run.text).to.contain('Update policy product success');
      expect(await c.valueOf('CFQ7TTC0H9MP')).to.equal('Disabled');
    });

    it('a failing command does not stop the next line (non-terminating errors)', async () => {
      const c = msCommerceConsole();
      const run = await c.run(
        `${UPDATE} -ProductId NOPE -Enabled $false\n${UPDATE} -ProductId CFQ7TTC0H9MP -Value Bogus\n${UPDATE} -ProductId CFQ7TTC0LH2H -Enabled $false`,
      );
      const lines = run.text.split('\n');
      expect(lines[0]).to.match(
        /^HandleError : Failed to update product policy, .*\(404\) Not Found\./,
      );
      expect(lines[1]).to.match(
        /^Update-MSCommerceProductPolicy : Cannot validate argument on parameter 'Value'/,
      );
      expect(run.text).to.contain('Update policy product success');
      expect(await c.valueOf('CFQ7TTC0LH2H')).to.equal('Disabled');
      expect(await c.valueOf('CFQ7TTC0H9MP')).to.equal('Enabled');
    });
  });

  describe('accepted spellings', () => {
    const cases: [string, string, string][] = [
      ['prefixes, any case', '-prod CFQ7TTC0H9MP -val disabled', 'Disabled'],
      ['-Enabled:$false', '-ProductId CFQ7TTC0H9MP -Enabled:$false', 'Disabled'],
      ['-Enabled false (bare)', '-ProductId CFQ7TTC0H9MP -Enabled false', 'Disabled'],
      ['-Enabled "TRUE" after a disable', '-ProductId CFQ7TTC0H9MP -Enabled "TRUE"', 'Enabled'],
      [
        'the common -Verbose and -ErrorAction',
        '-ProductId CFQ7TTC0H9MP -Value Disabled -Verbose -ErrorAction Stop',
        'Disabled',
      ],
      ['positional ProductId', 'CFQ7TTC0H9MP -Value Disabled', 'Disabled'],
      [
        'trials-only on Project Plan 1, which has a free trial',
        '-ProductId CFQ7TTC0H9MP -Value Disabled; Update-MSCommerceProductPolicy AllowSelfServicePurchase CFQ7TTC0HDB1 -Value OnlyTrialsWithoutPaymentMethod',
        'Disabled',
      ],
    ];
    for (const [what, rest, expected] of cases) {
      it(what, async () => {
        const c = msCommerceConsole();
        if (expected === 'Enabled')
          await c.run(`${UPDATE} -ProductId CFQ7TTC0H9MP -Value Disabled`);
        const run = await c.run(`${UPDATE} ${rest}`);
        expect(run.text).to.not.contain('Error');
        expect(await c.valueOf('CFQ7TTC0H9MP')).to.equal(expected);
      });
    }
  });
});
