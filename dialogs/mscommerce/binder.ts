// PowerShell's parameter binding for the module's cmdlets: names and prefixes, positions, conversion, sets, validation.

import type { Span } from './ast.js';
import {
  allParameters,
  inSet,
  mandatoryIn,
  type CmdletSpec,
  type ParameterSpec,
} from './cmdletSpecs.js';
import { BINDING_TEXT } from './errorTexts.js';
import { PsObject, toText, type PsValue } from './psValues.js';

/** A command element after its argument expressions were evaluated (PowerShell evaluates them before binding). */
export type EvaluatedElement =
  | {
      readonly kind: 'parameter';
      readonly name: string;
      /** The colon form: `-Enabled:$false`; `hasValue` is false for a colon with nothing after it. */
      readonly colon?: { readonly hasValue: boolean; readonly value: PsValue };
      readonly span: Span;
    }
  | { readonly kind: 'argument'; readonly value: PsValue; readonly span: Span };

/** The bound parameters by canonical name (text for string parameters, true/false for switches), and the set. */
export interface BoundParameters {
  readonly set: string;
  readonly values: ReadonlyMap<string, string | boolean>;
}

/** A binding failure: PowerShell's message, and where in the script to point at. */
export class BindingError extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

const TYPE_NAMES: Readonly<Record<ParameterSpec['type'], string>> = {
  string: 'System.String',
  uri: 'System.Uri',
  switch: 'System.Management.Automation.SwitchParameter',
};

/**
 * Binds named parameters (full names, aliases, unambiguous prefixes), then positional arguments in declaration
 * order, then resolves the parameter set and checks the mandatory ones; throws a BindingError with the first problem.
 */
export function bind(
  spec: CmdletSpec,
  elements: readonly EvaluatedElement[],
  commandSpan: Span,
): BoundParameters {
  const parameters = allParameters(spec);
  const values = new Map<string, string | boolean>();
  const positional: { value: PsValue; span: Span }[] = [];
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i];
    if (!element) continue;
    if (element.kind === 'argument') {
      positional.push(element);
      continue;
    }
    const parameter = resolve(parameters, element.name, element.span);
    if (values.has(parameter.name)) {
      throw new BindingError(BINDING_TEXT.twice(parameter.name), element.span);
    }
    const missing = new BindingError(
      BINDING_TEXT.missingArgument(parameter.name, TYPE_NAMES[parameter.type]),
      element.span,
    );
    if (parameter.type === 'switch') {
      if (element.colon && !element.colon.hasValue) throw missing;
      values.set(
        parameter.name,
        element.colon ? toSwitch(parameter, element.colon.value, element.span) : true,
      );
      continue;
    }
    if (element.colon) {
      if (!element.colon.hasValue) throw missing;
      values.set(parameter.name, convert(parameter, element.colon.value, element.span));
      continue;
    }
    const next = elements[i + 1];
    if (!next || next.kind !== 'argument') throw missing;
    values.set(parameter.name, convert(parameter, next.value, next.span));
    i++;
  }
  // Positional arguments go, in declaration order, to parameters of the sets the named ones left possible.
  const possible = candidateSets(spec, values);
  const positions = spec.parameters.filter(
    (p) => p.type !== 'switch' && possible.some((set) => inSet(p, set)),
  );
  for (const argument of positional) {
    const parameter = positions.find((p) => !values.has(p.name));
    if (!parameter) {
      const text = Array.isArray(argument.value) ? 'System.Object[]' : toText(argument.value);
      throw new BindingError(BINDING_TEXT.positional(text), argument.span);
    }
    values.set(parameter.name, convert(parameter, argument.value, argument.span));
  }
  const set = resolveSet(spec, values, commandSpan);
  const missing = spec.parameters
    .filter((p) => inSet(p, set) && mandatoryIn(p, set) && !values.has(p.name))
    .map((p) => p.name);
  if (missing.length > 0)
    throw new BindingError(BINDING_TEXT.missingMandatory(missing), commandSpan);
  return { set, values };
}

function resolve(parameters: readonly ParameterSpec[], typed: string, span: Span): ParameterSpec {
  const lower = typed.toLowerCase();
  const exact = parameters.find(
    (p) => p.name.toLowerCase() === lower || p.aliases?.includes(lower),
  );
  if (exact) return exact;
  const matches = parameters.filter((p) => p.name.toLowerCase().startsWith(lower));
  const [only] = matches;
  if (matches.length === 1 && only) return only;
  if (matches.length === 0) throw new BindingError(BINDING_TEXT.noSuchParameter(typed), span);
  throw new BindingError(
    BINDING_TEXT.ambiguous(
      typed,
      matches.map((p) => p.name),
    ),
    span,
  );
}

/** A [string] parameter: arrays are refused, $null and '' fail ValidateNotNullOrEmpty, ValidateSet ignores case. */
function convert(parameter: ParameterSpec, value: PsValue, span: Span): string {
  if (Array.isArray(value))
    throw new BindingError(BINDING_TEXT.arrayToString(parameter.name), span);
  const text = toText(value);
  if (parameter.notNullOrEmpty && text === '') {
    throw new BindingError(BINDING_TEXT.nullOrEmpty(parameter.name), span);
  }
  const set = parameter.validateSet;
  if (set && !set.some((v) => v.toLowerCase() === text.toLowerCase())) {
    throw new BindingError(BINDING_TEXT.notInSet(parameter.name, text, set), span);
  }
  return text;
}

/** `-WhatIf:$false`: booleans and numbers only, as PowerShell's SwitchParameter conversion allows. */
function toSwitch(parameter: ParameterSpec, value: PsValue, span: Span): boolean {
  if (value === null || typeof value === 'boolean') return value === true;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value) !== 0;
  const typeName = Array.isArray(value)
    ? 'System.Object[]'
    : value instanceof PsObject
      ? 'System.Management.Automation.PSCustomObject'
      : 'System.String';
  throw new BindingError(BINDING_TEXT.notBoolean(parameter.name, typeName), span);
}

/** The one set the bound parameters fit; the default set breaks a tie, as PowerShell does. */
function resolveSet(
  spec: CmdletSpec,
  values: ReadonlyMap<string, string | boolean>,
  commandSpan: Span,
): string {
  const candidates = candidateSets(spec, values);
  const complete = candidates.filter((set) =>
    spec.parameters.every((p) => !inSet(p, set) || !mandatoryIn(p, set) || values.has(p.name)),
  );
  const [onlyCandidate] = candidates;
  const [onlyComplete] = complete;
  if (candidates.length === 1 && onlyCandidate) return onlyCandidate;
  if (complete.length === 1 && onlyComplete) return onlyComplete;
  if (candidates.includes(spec.defaultSet)) return spec.defaultSet;
  throw new BindingError(BINDING_TEXT.parameterSet, commandSpan);
}

/** The sets that contain every bound parameter. */
function candidateSets(spec: CmdletSpec, values: ReadonlyMap<string, string | boolean>): string[] {
  const own = spec.parameters.filter((p) => values.has(p.name));
  return spec.sets.filter((set) => own.every((p) => inSet(p, set)));
}
