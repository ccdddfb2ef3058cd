// PowerShell's default view, as the formatter implements it: one object a list, several a table (≤ 4 properties).

import { expect } from 'chai';
import { formatOutput, type OutputItem } from '../../dialogs/mscommerce/formatter.js';
import { psObject, type PsValue } from '../../dialogs/mscommerce/psValues.js';

const product = (name: string, id: string, value = 'Enabled') =>
  psObject({
    PolicyId: 'AllowSelfServicePurchase',
    ProductName: name,
    ProductId: id,
    PolicyValue: value,
  });
const offer = (id: string) =>
  psObject({
    PolicyId: 'P',
    Scope: 'OfferType',
    ScopeId: id,
    ScopeValue: id,
    PolicyValue: 'Enabled',
  });
const value = (v: PsValue, statement = 1): OutputItem => ({
  kind: 'value',
  value: v,
  statement,
});

describe('MSCommerce formatter', () => {
  const cases: [string, OutputItem[], string][] = [
    ['nothing', [], ''],
    [
      'one object: a list, names padded to the longest',
      [value(product('Visio Plan 1', 'CFQ7TTC0HD33'))],
      'PolicyId    : AllowSelfServicePurchase\nProductName : Visio Plan 1\nProductId   : CFQ7TTC0HD33\nPolicyValue : Enabled',
    ],
    [
      'two objects of four properties: a table, dashes as long as each header, no trailing spaces',
      [
        value(product('A', 'X1')),
        value(product('Longer name', 'X2', 'OnlyTrialsWithoutPaymentMethod')),
      ],
      [
        'PolicyId                 ProductName ProductId PolicyValue',
        '--------                 ----------- --------- -----------',
        'AllowSelfServicePurchase A           X1        Enabled',
        'AllowSelfServicePurchase Longer name X2        OnlyTrialsWithoutPaymentMethod',
      ].join('\n'),
    ],
    [
      'two objects of five properties: a list each',
      [value(offer('SaaS')), value(offer('DYNAMICSBC'))],
      [
        'PolicyId    : P\nScope       : OfferType\nScopeId     : SaaS\nScopeValue  : SaaS\nPolicyValue : Enabled',
        'PolicyId    : P\nScope       : OfferType\nScopeId     : DYNAMICSBC\nScopeValue  : DYNAMICSBC\nPolicyValue : Enabled',
      ].join('\n\n'),
    ],
    [
      'a host line splits a run, and lines stand apart from lists by one blank line',
      [
        { kind: 'host', text: 'Update policy product success' },
        value(product('A', 'X1')),
        { kind: 'host', text: 'Update policy product success' },
        value(product('B', 'X2')),
      ],
      [
        'Update policy product success',
        '',
        'PolicyId    : AllowSelfServicePurchase\nProductName : A\nProductId   : X1\nPolicyValue : Enabled',
        '',
        'Update policy product success',
        '',
        'PolicyId    : AllowSelfServicePurchase\nProductName : B\nProductId   : X2\nPolicyValue : Enabled',
      ].join('\n'),
    ],
    [
      'objects of two statements are two runs',
      [value(product('A', 'X1'), 1), value(product('B', 'X2'), 2)],
      [
        'PolicyId    : AllowSelfServicePurchase\nProductName : A\nProductId   : X1\nPolicyValue : Enabled',
        'PolicyId    : AllowSelfServicePurchase\nProductName : B\nProductId   : X2\nPolicyValue : Enabled',
      ].join('\n\n'),
    ],
    [
      'errors and plain values are lines; booleans read True/False',
      [
        { kind: 'error', text: 'HandleError : x' },
        value('CFQ7TTC0H9MP'),
        value(true),
        { kind: 'error', text: 'Update-MSCommerceProductPolicy : y\nAt line:1 char:1' },
      ],
      'HandleError : x\nCFQ7TTC0H9MP\nTrue\nUpdate-MSCommerceProductPolicy : y\nAt line:1 char:1',
    ],
    [
      'Format-Table with chosen columns, spelt as the object spells them',
      [
        {
          kind: 'formatted',
          view: 'table',
          properties: ['productname', 'Missing'],
          values: [product('A', 'X1')],
        },
      ],
      'ProductName Missing\n----------- -------\nA',
    ],
    [
      'Format-List of several objects',
      [
        {
          kind: 'formatted',
          view: 'list',
          properties: ['ProductId'],
          values: [product('A', 'X1'), product('B', 'X2')],
        },
      ],
      'ProductId : X1\n\nProductId : X2',
    ],
  ];
  for (const [what, items, expected] of cases) {
    it(what, () => expect(formatOutput(items)).to.equal(expected));
  }
});
