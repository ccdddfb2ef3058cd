// The parser's refusals: PowerShell's parse errors with their position; random input never crashes it.

import { expect } from 'chai';
import fc from 'fast-check';
import { parseScript } from '../../dialogs/mscommerce/parser.js';
import { msCommerceConsole } from './consoleFixture.js';

const UPDATE = 'Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase';
const LIST = 'Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase';

describe('MSCommerce parse errors', () => {
  describe('refuses the rest with a PowerShell-like parse error', () => {
    const cases: [string, string][] = [
      [`${LIST} 'abc`, "The string is missing the terminator: '."],
      [
        `${UPDATE} -ProductId "CFQ7TTC0H9MP -Enabled $false`,
        'The string is missing the terminator: ".',
      ],
      [
        `${LIST} | ForEach-Object { ${UPDATE} -ProductId $_.ProductId`,
        "Missing closing '}' in statement block or type definition.",
      ],
      [`${LIST} |`, 'An empty pipe element is not allowed.'],
      [`${LIST} | | Format-Table`, 'An empty pipe element is not allowed.'],
      ['foreach $p in $x { }', "Missing opening '(' after keyword 'foreach'."],
      ['foreach (p in $x) { }', 'Missing variable name after foreach.'],
      ['foreach ($p $x) { }', "Missing 'in' after variable in foreach loop."],
      ['foreach ($p in $x {', "Missing closing ')' after expression in 'foreach' statement."],
      ['foreach ($p in $x)', 'Missing statement body in foreach loop.'],
      [
        `${LIST} | Where-Object { $_.PolicyValue -eq }`,
        "You must provide a value expression following the '-eq' operator.",
      ],
      [
        `${LIST} | Where-Object { $_.PolicyValue -eq Enabled }`,
        "You must provide a value expression following the '-eq' operator.",
      ],
      [
        `${LIST} | Where-Object { $_.PolicyValue -gt 1 }`,
        "The '-gt' operator is not supported here.",
      ],
      [`${LIST} | Where-Object`, 'Where-Object needs a filter here'],
      [`${LIST} | ForEach-Object`, 'ForEach-Object needs a script block here'],
      ['if ($true) { Connect-MSCommerce }', "The 'if' statement is not supported here."],
      ['function Disable-All { }', "The 'function' statement is not supported here."],
      [`${LIST} | 'abc'`, 'Expressions are only allowed as the first element of a pipeline.'],
      [
        '$ = 1',
        "Variable reference is not valid. '$' was not followed by a valid variable name character.",
      ],
      ['Connect-MSCommerce }', "Unexpected token '}' in expression or statement."],
      ['Connect-MSCommerce )', "Unexpected token ')' in expression or statement."],
      [`${UPDATE} -ProductId $id.ToUpper()`, 'Method calls are not supported here.'],
      [
        `${UPDATE} -ProductId { CFQ7TTC0H9MP }`,
        'A script block can only follow Where-Object, ForEach-Object',
      ],
      [
        `${LIST} | Format-Table -Bogus`,
        "A parameter cannot be found that matches parameter name 'Bogus'.",
      ],
      [
        `${LIST} | Format-Table | Where-Object { $_ }`,
        'Format-Table and Format-List must be the last command of a pipeline.',
      ],
      ['$p.ProductId = 1', 'Only a plain variable such as $products can be assigned here.'],
      ['$p =', "You must provide a value expression on the right-hand side of the '=' operator."],
      ['<# never closed', "Missing the terminator '#>' for the block comment."],
      [`${LIST} || Connect-MSCommerce`, "Unexpected token '||' in expression or statement."],
      [`${'('.repeat(200)}1${')'.repeat(200)}`, 'The script is nested too deeply.'],
      ['(   )', "An expression was expected after '('."],
      [`$a | Where-Object { ${'!'.repeat(5000)}$_ }`, 'The script is nested too deeply.'],
      [`$a${'.b'.repeat(5000)}`, 'The script is nested too deeply.'],
      [`$a | ? { ${'$_ -eq 1 -or '.repeat(5000)}$true }`, 'The script is nested too deeply.'],
      [`"${'$("'.repeat(3000)}`, 'The script is nested too deeply.'],
    ];
    for (const [input, message] of cases) {
      it(`${message.split('. ')[0]} (${input.length > 40 ? `${input.slice(-40)}` : input})`, () => {
        const outcome = parseScript(input);
        expect(outcome.ok, 'should not parse').to.equal(false);
        if (!outcome.ok) expect(outcome.error.message).to.contain(message);
      });
    }
  });

  it('shows where the error is, as PowerShell does, and runs nothing', async () => {
    const c = msCommerceConsole();
    const run = await c.run(
      `Connect-MSCommerce\n${UPDATE} -ProductId CFQ7TTC0H9MP -Enabled $false\n${LIST} 'abc`,
      'carol',
      false,
    );
    expect(run.parseFailed).to.equal(true);
    expect(run.session.connected).to.equal(false);
    expect(run.text).to.equal(
      [
        `At line:3 char:${LIST.length + 2}`,
        `+ ${LIST} 'abc`,
        `+ ${' '.repeat(LIST.length + 1)}~`,
        "The string is missing the terminator: '.",
      ].join('\n'),
    );
    expect(await c.valueOf('CFQ7TTC0H9MP')).to.equal('Enabled');
  });

  describe('never throws', () => {
    const pieces = [
      'Connect-MSCommerce',
      'Get-MSCommerceProductPolicies',
      'Update-MSCommerceProductPolicy',
      'Get-MSCommercePolicy',
      '-PolicyId',
      'AllowSelfServicePurchase',
      '-ProductId',
      'CFQ7TTC0H9MP',
      'CFQ7TTC0L3PB',
      '-Enabled',
      '$false',
      '-Enabled:',
      '$true',
      '-Value',
      'Disabled',
      '-WhatIf',
      '-Scope',
      'OfferType',
      '-OfferType',
      'SaaS',
      '|',
      'Where-Object',
      '?',
      '%',
      'ForEach-Object',
      '{',
      '}',
      '(',
      ')',
      '$_.PolicyValue',
      '-eq',
      '"Enabled"',
      "'x'",
      '$_.ProductId',
      'foreach',
      '($p in',
      '$p',
      '$p.ProductId',
      ';',
      '\n',
      ',',
      '`',
      '#',
      '<#',
      '#>',
      '@(',
      '$(',
      '=',
      '-and',
      '-not',
      'ft',
      'fl',
      '-P',
      '-Foo',
      '"$($_)"',
      '“',
      '–',
      '\u00a0',
      '0',
      'if',
      '!',
      '.x',
      '-or',
      '$x =',
      '$null',
      '-like',
      '"*"',
      '-match',
      '"("',
    ];
    const fragments = fc
      .array(fc.constantFrom(...pieces), { maxLength: 25 })
      .chain((parts) => fc.constantFrom(parts.join(' '), parts.join('')));
    const special = fc.string({
      unit: fc.constantFrom(
        ...'$(){}[]|;,\'"`#<>-=.@%?!:\\ \n\tazAZ_019\u2018\u201c\u2013\u00a0'.split(''),
      ),
      maxLength: 80,
    });

    it('parsing random text returns a tree or a parse error', () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.string({ unit: 'binary', maxLength: 120 }), special, fragments),
          (text) => {
            const outcome = parseScript(text);
            if (!outcome.ok) expect(outcome.error.message).to.be.a('string').and.not.equal('');
          },
        ),
        { numRuns: 1500 },
      );
    });

    it('running random fragments of valid commands answers with text', async () => {
      const c = msCommerceConsole();
      await fc.assert(
        fc.asyncProperty(fragments, async (text) => {
          const run = await c.run(text);
          expect(run.text).to.be.a('string');
        }),
        { numRuns: 300 },
      );
    });
  });
});
