// Which messages the bot hands to the MSCommerce engine rather than reading them as plain questions.

import { expect } from 'chai';
import { isMsCommerceScript } from '../../dialogs/mscommerce/isMsCommerceScript.js';

describe('isMsCommerceScript', () => {
  const cases: [string, boolean][] = [
    ['Connect-MSCommerce', true],
    ['  connect-mscommerce', true],
    ['Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase | ? { $_ }', true],
    ['GET-MSCOMMERCEPOLICIES', true],
    ['# disable everything\n<# notes #>\nUpdate-MSCommerceProductPolicy -PolicyId x', true],
    [
      'foreach ($p in (Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase)) { }',
      true,
    ],
    ['$products = Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase', true],
    ['"CFQ7TTC0KP0N","CFQ7TTC0KP0P" | % { Update-MSCommerceProductPolicy -ProductId $_ }', true],
    ['Install-Module -Name MSCommerce\nConnect-MSCommerce', true],
    // Shaped like a module cmdlet: the engine answers with PowerShell's "not recognized" error.
    ['Get-MSCommerceProductPolicyX', true],
    ['Get-MSCommercePolicies-Old', true],
    ['Get-MSCommerceProductPolicys -PolicyId AllowSelfServicePurchase', true],
    ['set-mscommerceproductpolicy -ProductId CFQ7TTC0HD32', true],
    ['Conect-MSCommerce\nGet-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase', true],
    ['Write-Host "Disabling"\nConnect-MSCommerce', true],
    ['Write-Host "hello"', false],
    ['get-mscommerce-ish things', true],
    ['sort out Get-MSCommerceProductPolicies for me', false],
    ['how do I use Get-MSCommerceProductPolicies?', false],
    ['foreach ($p in $x) { Write-Host $p }', false],
    ['buy Power BI Pro', false],
    ['', false],
    ['# only a comment', false],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${expected}`, () =>
      expect(isMsCommerceScript(text)).to.equal(expected));
  }
});
