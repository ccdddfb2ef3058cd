// The parameters of the MSCommerce module's cmdlets (module 2.x/3.x, §6.2), as PowerShell's binder sees them.

import { POLICY_VALUES } from '../../services/policies/policyService.js';

/** One parameter: its type, the parameter sets it belongs to, and the module's validation attributes. */
export interface ParameterSpec {
  readonly name: string;
  readonly type: 'string' | 'uri' | 'switch';
  readonly aliases?: readonly string[];
  /** The sets it belongs to; absent means all. */
  readonly sets?: readonly string[];
  /** The sets where it is mandatory; absent means optional everywhere. */
  readonly mandatoryIn?: readonly string[];
  readonly notNullOrEmpty?: boolean;
  readonly validateSet?: readonly string[];
  /** Common parameters are accepted and have no effect here. */
  readonly common?: boolean;
}

export type CmdletName =
  | 'Connect-MSCommerce'
  | 'Get-MSCommercePolicies'
  | 'Get-MSCommercePolicy'
  | 'Get-MSCommerceProductPolicies'
  | 'Get-MSCommerceProductPolicy'
  | 'Update-MSCommerceProductPolicy';

export interface CmdletSpec {
  readonly name: CmdletName;
  /** In declaration order, which is also the order of positional binding (advanced functions without Position). */
  readonly parameters: readonly ParameterSpec[];
  readonly sets: readonly string[];
  readonly defaultSet: string;
}

const ALL = '__AllParameterSets';
const token: ParameterSpec = { name: 'Token', type: 'string' };
const policyId: ParameterSpec = {
  name: 'PolicyId',
  type: 'string',
  mandatoryIn: [ALL],
  notNullOrEmpty: true,
};

/** CmdletBinding's common parameters, with their aliases; listed so that prefixes are as ambiguous as in PowerShell. */
export const COMMON_PARAMETERS: readonly ParameterSpec[] = (
  [
    ['Verbose', 'switch', 'vb'],
    ['Debug', 'switch', 'db'],
    ['ErrorAction', 'string', 'ea'],
    ['WarningAction', 'string', 'wa'],
    ['InformationAction', 'string', 'infa'],
    ['ErrorVariable', 'string', 'ev'],
    ['WarningVariable', 'string', 'wv'],
    ['InformationVariable', 'string', 'iv'],
    ['OutVariable', 'string', 'ov'],
    ['OutBuffer', 'string', 'ob'],
    ['PipelineVariable', 'string', 'pv'],
  ] as const
).map(([name, type, alias]) => ({ name, type, aliases: [alias], common: true }));

/** SupportsShouldProcess adds these two. */
export const SHOULD_PROCESS_PARAMETERS: readonly ParameterSpec[] = [
  { name: 'WhatIf', type: 'switch', aliases: ['wi'] },
  { name: 'Confirm', type: 'switch', aliases: ['cf'] },
];

const PRODUCT = ['ProductEnum', 'ProductToggle'];
const OFFER = ['OfferTypeEnum', 'OfferTypeToggle'];
const TOGGLE = ['ProductToggle', 'OfferTypeToggle'];
const ENUM = ['ProductEnum', 'OfferTypeEnum'];

export const CMDLETS: readonly CmdletSpec[] = [
  {
    name: 'Connect-MSCommerce',
    parameters: [
      { name: 'ClientId', type: 'string' },
      { name: 'RedirectUri', type: 'uri' },
      { name: 'Resource', type: 'string' },
    ],
    sets: [ALL],
    defaultSet: ALL,
  },
  { name: 'Get-MSCommercePolicies', parameters: [token], sets: [ALL], defaultSet: ALL },
  { name: 'Get-MSCommercePolicy', parameters: [policyId, token], sets: [ALL], defaultSet: ALL },
  {
    name: 'Get-MSCommerceProductPolicies',
    parameters: [policyId, { name: 'Scope', type: 'string' }, token],
    sets: [ALL],
    defaultSet: ALL,
  },
  {
    name: 'Get-MSCommerceProductPolicy',
    parameters: [
      policyId,
      {
        name: 'ProductId',
        type: 'string',
        sets: ['Product'],
        mandatoryIn: ['Product'],
        notNullOrEmpty: true,
      },
      {
        name: 'OfferType',
        type: 'string',
        sets: ['OfferType'],
        mandatoryIn: ['OfferType'],
        notNullOrEmpty: true,
      },
      token,
    ],
    sets: ['Product', 'OfferType'],
    defaultSet: 'Product',
  },
  {
    name: 'Update-MSCommerceProductPolicy',
    parameters: [
      policyId,
      {
        name: 'ProductId',
        type: 'string',
        sets: PRODUCT,
        mandatoryIn: PRODUCT,
        notNullOrEmpty: true,
      },
      { name: 'OfferType', type: 'string', sets: OFFER, mandatoryIn: OFFER },
      { name: 'Enabled', type: 'string', sets: TOGGLE, mandatoryIn: TOGGLE, notNullOrEmpty: true },
      { name: 'Value', type: 'string', sets: ENUM, mandatoryIn: ENUM, validateSet: POLICY_VALUES },
      token,
    ],
    sets: [...ENUM, ...TOGGLE],
    defaultSet: 'ProductEnum',
  },
];

/** The module's cmdlet with this name (any case), if it is one. */
export function findCmdlet(name: string): CmdletSpec | undefined {
  const lower = name.toLowerCase();
  return CMDLETS.find((c) => c.name.toLowerCase() === lower);
}

/** Every parameter a cmdlet accepts: its own, then WhatIf/Confirm for Update, then the common ones. */
export function allParameters(spec: CmdletSpec): readonly ParameterSpec[] {
  const shouldProcess =
    spec.name === 'Update-MSCommerceProductPolicy' ? SHOULD_PROCESS_PARAMETERS : [];
  return [...spec.parameters, ...shouldProcess, ...COMMON_PARAMETERS];
}

/** True when the parameter belongs to the set (own parameters without `sets` belong to every set). */
export function inSet(parameter: ParameterSpec, set: string): boolean {
  return !parameter.sets || parameter.sets.includes(set);
}

/** True when the parameter is mandatory in the set. */
export function mandatoryIn(parameter: ParameterSpec, set: string): boolean {
  return !!parameter.mandatoryIn?.some((s) => s === set || s === ALL);
}
