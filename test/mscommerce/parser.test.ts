// The parser: what admins paste parses to the expected tree (see parseErrors.test.ts for what it refuses).

import { expect } from 'chai';
import type {
  CommandElement,
  Condition,
  Expression,
  Pipeline,
  PipelineElement,
  Statement,
} from '../../dialogs/mscommerce/ast.js';
import { parseScript } from '../../dialogs/mscommerce/parser.js';

const UPDATE = 'Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase';
const LIST = 'Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase';
const UPDATE_SHAPE = "Update-MSCommerceProductPolicy -PolicyId 'AllowSelfServicePurchase'";
const LIST_SHAPE = "Get-MSCommerceProductPolicies -PolicyId 'AllowSelfServicePurchase'";

/** A compact, readable rendering of a tree, so that the table below says what each input means. */
function shape(statements: readonly Statement[]): string {
  return statements.map(statement).join(' ; ');
}

function statement(s: Statement): string {
  if (s.kind === 'pipeline') return pipeline(s.pipeline);
  if (s.kind === 'assignment') return `$${s.variable} = ${pipeline(s.pipeline)}`;
  return `foreach ($${s.variable} in ${pipeline(s.source)}) {${shape(s.body)}}`;
}

function pipeline(p: Pipeline): string {
  return p.elements.map(element).join(' | ');
}

function element(e: PipelineElement): string {
  switch (e.kind) {
    case 'command':
      return [e.name, ...e.elements.map(commandElement)].join(' ');
    case 'expression':
      return expression(e.value);
    case 'where':
      return `where{${condition(e.condition)}}`;
    case 'forEach':
      return `foreach{${shape(e.body)}}`;
    case 'forEachMember':
      return `foreach.${e.member}`;
    case 'format':
      return `${e.view}[${e.properties.join(',')}]`;
  }
}

function commandElement(e: CommandElement): string {
  if (e.kind === 'argument') return expression(e.value);
  if (e.colonArgument === undefined) return `-${e.name}`;
  return `-${e.name}:${e.colonArgument ? expression(e.colonArgument) : ''}`;
}

function expression(e: Expression): string {
  switch (e.kind) {
    case 'text':
      return `'${e.value}'`;
    case 'expandable':
      return `"${e.parts.map((p) => (typeof p === 'string' ? p : `{${expression(p)}}`)).join('')}"`;
    case 'variable':
      return `$${e.name}`;
    case 'member':
      return `${expression(e.target)}.${e.name}`;
    case 'array':
      return e.items.map(expression).join(',');
    case 'subexpression':
      return `(${pipeline(e.pipeline)})`;
    case 'arrayExpression':
      return `@(${shape(e.statements)})`;
  }
}

function condition(c: Condition): string {
  switch (c.kind) {
    case 'compare':
      return `${expression(c.left)} ${c.caseSensitive ? 'c' : ''}${c.operator} ${expression(c.right)}`;
    case 'logical':
      return `(${condition(c.left)} ${c.operator} ${condition(c.right)})`;
    case 'not':
      return `not ${condition(c.operand)}`;
    case 'truthy':
      return expression(c.value);
    case 'never':
      return 'never';
  }
}

function parsed(text: string): string {
  const outcome = parseScript(text);
  if (!outcome.ok) throw new Error(`Expected to parse, got: ${outcome.error.message}`);
  return shape(outcome.script.statements);
}

describe('MSCommerce parser', () => {
  describe('accepts what admins paste', () => {
    const cases: [string, string, string][] = [
      ['a bare cmdlet', 'Connect-MSCommerce', 'Connect-MSCommerce'],
      [
        'any case, parameter names as typed (the binder matches them)',
        'get-mscommerceproductpolicies -policyid AllowSelfServicePurchase',
        "get-mscommerceproductpolicies -policyid 'AllowSelfServicePurchase'",
      ],
      [
        'quoted values and $FALSE',
        `Update-MSCommerceProductPolicy -PolicyId "AllowSelfServicePurchase" -ProductId 'CFQ7TTC0H9MP' -Enabled $FALSE`,
        `${UPDATE_SHAPE} -ProductId 'CFQ7TTC0H9MP' -Enabled $FALSE`,
      ],
      [
        'colon syntax and switches',
        `${UPDATE} -ProductId CFQ7TTC0H9MP -Enabled:$false -WhatIf -Confirm:$false`,
        `${UPDATE_SHAPE} -ProductId 'CFQ7TTC0H9MP' -Enabled:$false -WhatIf -Confirm:$false`,
      ],
      [
        'prefixes stay as typed',
        `${UPDATE} -Prod CFQ7TTC0H9MP -Val Disabled`,
        `${UPDATE_SHAPE} -Prod 'CFQ7TTC0H9MP' -Val 'Disabled'`,
      ],
      [
        'lines, semicolons, line and block comments',
        '# disable\nConnect-MSCommerce # sign in\n<# block\ncomment #>Get-MSCommercePolicies; Get-MSCommercePolicy -PolicyId AllowSelfServicePurchase\n',
        "Connect-MSCommerce ; Get-MSCommercePolicies ; Get-MSCommercePolicy -PolicyId 'AllowSelfServicePurchase'",
      ],
      [
        'Teams typography: curly quotes, en and em dashes, no-break spaces, CRLF',
        'Connect-MSCommerce\r\nUpdate-MSCommerceProductPolicy \u2013PolicyId \u201cAllowSelfServicePurchase\u201d\u00a0\u2014ProductId \u2018CFQ7TTC0H9MP\u2019 -Enabled $false',
        `Connect-MSCommerce ; ${UPDATE_SHAPE} -ProductId 'CFQ7TTC0H9MP' -Enabled $false`,
      ],
      [
        'the documented filter-and-disable pipeline',
        `${LIST} | Where-Object { $_.PolicyValue -eq "Enabled" } | ForEach-Object { ${UPDATE} -ProductId $_.ProductId -Enabled $false }`,
        `${LIST_SHAPE} | where{$_.PolicyValue eq 'Enabled'} | foreach{${UPDATE_SHAPE} -ProductId $_.ProductId -Enabled $false}`,
      ],
      [
        'the aliases ? and %, and -ne',
        `${LIST} | ? {$_.PolicyValue -ne 'Disabled'} | % {${UPDATE} -ProductId $_.ProductId -Value Disabled}`,
        `${LIST_SHAPE} | where{$_.PolicyValue ne 'Disabled'} | foreach{${UPDATE_SHAPE} -ProductId $_.ProductId -Value 'Disabled'}`,
      ],
      [
        'where and foreach as pipeline aliases, simplified Where syntax',
        `${LIST} | where PolicyValue -eq Enabled | foreach { $_.ProductId }`,
        `${LIST_SHAPE} | where{$_.PolicyValue eq 'Enabled'} | foreach{$_.ProductId}`,
      ],
      [
        'the foreach statement over a parenthesized pipeline',
        `foreach ($p in (${LIST})) { ${UPDATE} -ProductId $p.ProductId -Enabled $false }`,
        `foreach ($p in (${LIST_SHAPE})) {${UPDATE_SHAPE} -ProductId $p.ProductId -Enabled $false}`,
      ],
      [
        'assignment, then foreach with the brace on its own line',
        `$products = ${LIST}\nforeach ($prod in $products)\n{\n\t${UPDATE} -ProductId $prod.ProductId -Enabled $false\n}`,
        `$products = ${LIST_SHAPE} ; foreach ($prod in $products) {${UPDATE_SHAPE} -ProductId $prod.ProductId -Enabled $false}`,
      ],
      [
        'a comma list is an array (the binder refuses it)',
        `${UPDATE} -ProductId CFQ7TTC0KP0N, CFQ7TTC0KP0P -Enabled $false`,
        `${UPDATE_SHAPE} -ProductId 'CFQ7TTC0KP0N','CFQ7TTC0KP0P' -Enabled $false`,
      ],
      [
        'an array of ids piped into ForEach-Object',
        `@("CFQ7TTC0KP0N"\n"CFQ7TTC0KP0P") | ForEach-Object -Process { ${UPDATE} -ProductId $_ -Enabled $false }`,
        `@('CFQ7TTC0KP0N' ; 'CFQ7TTC0KP0P') | foreach{${UPDATE_SHAPE} -ProductId $_ -Enabled $false}`,
      ],
      [
        'backtick continuation and a line break after |',
        `${UPDATE} \`\n  -ProductId CFQ7TTC0H9MP \`\n  -Enabled $false\n${LIST} |\n  Format-Table ProductName, PolicyValue -AutoSize`,
        `${UPDATE_SHAPE} -ProductId 'CFQ7TTC0H9MP' -Enabled $false ; ${LIST_SHAPE} | table[ProductName,PolicyValue]`,
      ],
      [
        'expandable strings: $x expands, $x.Prop only expands $x, $( ) runs',
        `$id = 'CFQ7TTC0H9MP'; Get-MSCommerceProductPolicy -PolicyId "Allow$('SelfService')Purchase" -ProductId "$id" -Token "$id.x\`n"`,
        `$id = 'CFQ7TTC0H9MP' ; Get-MSCommerceProductPolicy -PolicyId "Allow{('SelfService')}Purchase" -ProductId "{$id}" -Token "{$id}.x\n"`,
      ],
      [
        'conditions: -and/-or left to right, -not, -like, -cmatch, grouping',
        `${LIST} | Where-Object { ($_.PolicyValue -eq 'Enabled' -and $_.ProductName -like 'Power*') -or -not $_.ProductId -cmatch '^CFQ' }`,
        `${LIST_SHAPE} | where{(($_.PolicyValue eq 'Enabled' and $_.ProductName like 'Power*') or not $_.ProductId cmatch '^CFQ')}`,
      ],
      [
        'ForEach-Object with a member name, Format-List',
        `${LIST} | % ProductId; Get-MSCommercePolicies | fl`,
        `${LIST_SHAPE} | foreach.ProductId ; Get-MSCommercePolicies | list[]`,
      ],
      [
        'Import-Module lines copied from the docs',
        'Import-Module -Name MSCommerce; Connect-MSCommerce',
        "Import-Module -Name 'MSCommerce' ; Connect-MSCommerce",
      ],
      ['an empty script and a comment-only script', '  \n # nothing\n', ''],
    ];
    for (const [what, input, want] of cases) {
      it(what, () => expect(parsed(input)).to.equal(want));
    }
  });
});
