// The few PowerShell cmdlets outside the module that pasted admin scripts use: Write-Host, Out-Null, Select-Object
// and Sort-Object (with their aliases). Their parameters are bound here; the interpreter runs them as stages.

import type { Span } from './ast.js';
import { BindingError, type EvaluatedElement } from './binder.js';
import { BINDING_TEXT } from './errorTexts.js';
import { enumerate, memberOf, PsObject, toText, type PsValue } from './psValues.js';

export type BuiltinName = 'Write-Host' | 'Out-Null' | 'Select-Object' | 'Sort-Object';

const NAMES: Readonly<Record<string, BuiltinName>> = {
  'write-host': 'Write-Host',
  'out-null': 'Out-Null',
  'select-object': 'Select-Object',
  select: 'Select-Object',
  'sort-object': 'Sort-Object',
  sort: 'Sort-Object',
};

/** The built-in cmdlet a command name (or alias) stands for, any case. */
export function findBuiltin(name: string): BuiltinName | undefined {
  return NAMES[name.toLowerCase()];
}

interface ParameterInfo {
  readonly name: string;
  readonly switch?: boolean;
}

/** Each built-in's parameters; the first non-switch one takes the positional arguments. */
const PARAMETERS: Readonly<Record<BuiltinName, readonly ParameterInfo[]>> = {
  'Write-Host': [
    { name: 'Object' },
    { name: 'NoNewline', switch: true },
    { name: 'Separator' },
    { name: 'ForegroundColor' },
    { name: 'BackgroundColor' },
  ],
  'Out-Null': [{ name: 'InputObject' }],
  'Select-Object': [
    { name: 'Property' },
    { name: 'ExpandProperty' },
    { name: 'First' },
    { name: 'Last' },
    { name: 'Skip' },
    { name: 'Unique', switch: true },
  ],
  'Sort-Object': [
    { name: 'Property' },
    { name: 'Descending', switch: true },
    { name: 'Unique', switch: true },
    { name: 'CaseSensitive', switch: true },
  ],
};

/** A built-in's parameters after binding: values by canonical name (switches as true/false). */
export type BuiltinArguments = ReadonlyMap<string, PsValue>;

/** Binds names (or unambiguous prefixes) and positional arguments the way PowerShell does for these cmdlets. */
export function bindBuiltin(
  builtin: BuiltinName,
  elements: readonly EvaluatedElement[],
): BuiltinArguments {
  const parameters = PARAMETERS[builtin];
  const bound = new Map<string, PsValue>();
  const positional: PsValue[] = [];
  let positionalSpan: Span | undefined;
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i];
    if (!element) continue;
    if (element.kind === 'argument') {
      positional.push(element.value);
      positionalSpan ??= element.span;
      continue;
    }
    const parameter = resolve(parameters, element.name, element.span);
    if (bound.has(parameter.name))
      throw new BindingError(BINDING_TEXT.twice(parameter.name), element.span);
    if (parameter.switch) {
      bound.set(parameter.name, element.colon ? isTrue(element.colon.value) : true);
      continue;
    }
    let value: PsValue;
    if (element.colon) value = element.colon.value;
    else {
      const next = elements[i + 1];
      if (next?.kind !== 'argument') {
        throw new BindingError(
          BINDING_TEXT.missingArgument(parameter.name, 'System.Object'),
          element.span,
        );
      }
      value = next.value;
      i++;
    }
    if (COUNTS.has(parameter.name)) checkCount(parameter.name, value, element.span);
    bound.set(parameter.name, value);
  }
  if (positional.length > 0) {
    const first = parameters[0]?.name ?? '';
    if (builtin === 'Write-Host' && !bound.has(first)) {
      bound.set(first, positional.length === 1 ? (positional[0] ?? null) : positional);
    } else if (builtin !== 'Out-Null' && positional.length === 1 && !bound.has(first)) {
      bound.set(first, positional[0] ?? null);
    } else {
      throw new BindingError(
        BINDING_TEXT.positional(toText(positional.at(-1) ?? null)),
        positionalSpan ?? { offset: 0, length: 0 },
      );
    }
  }
  return bound;
}

function resolve(parameters: readonly ParameterInfo[], name: string, span: Span): ParameterInfo {
  const lower = name.toLowerCase();
  const exact = parameters.find((p) => p.name.toLowerCase() === lower);
  if (exact) return exact;
  const matches = parameters.filter((p) => p.name.toLowerCase().startsWith(lower));
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length > 1) {
    throw new BindingError(
      BINDING_TEXT.ambiguous(
        name,
        matches.map((m) => m.name),
      ),
      span,
    );
  }
  throw new BindingError(BINDING_TEXT.noSuchParameter(name), span);
}

function isTrue(value: PsValue): boolean {
  if (typeof value === 'boolean') return value;
  return toText(value) !== '' && toText(value) !== '0';
}

/** Write-Host's line: its object, arrays joined by the separator (a space unless told). */
export function hostText(args: BuiltinArguments, input?: PsValue): string {
  const object = args.has('Object') ? (args.get('Object') as PsValue) : (input ?? null);
  const separator = args.has('Separator') ? toText(args.get('Separator') as PsValue) : ' ';
  return Array.isArray(object)
    ? (object as readonly PsValue[]).map((v) => toText(v)).join(separator)
    : toText(object);
}

/** The names a -Property argument gives: `a,b` or `a`. */
function names(value: PsValue | undefined): string[] {
  if (value === undefined || typeof value === 'boolean') return [];
  return enumerate(value).map((v) => toText(v));
}

const COUNTS = new Set(['First', 'Last', 'Skip']);

/** A whole number argument such as -First 3, checked when binding; PowerShell's conversion error otherwise. */
function checkCount(name: string, value: PsValue, span: Span): void {
  const text = toText(value).trim();
  if (!/^\d+$/.test(text)) {
    throw new BindingError(
      `Cannot bind parameter '${name}'. Cannot convert value "${text}" to type "System.Int32". ` +
        'Error: "Input string was not in a correct format."',
      span,
    );
  }
}

function count(args: BuiltinArguments, name: string): number | undefined {
  return args.has(name) ? Number(toText(args.get(name) as PsValue).trim()) : undefined;
}

/** Select-Object over every input: the chosen properties as new objects, or one property's values expanded. */
export function selectObjects(args: BuiltinArguments, input: readonly PsValue[]): PsValue[] {
  const skip = count(args, 'Skip') ?? 0;
  const first = count(args, 'First');
  const last = count(args, 'Last');
  let items = input.slice(skip);
  if (first !== undefined || last !== undefined) {
    const head = first !== undefined ? items.slice(0, first) : [];
    const tail = last !== undefined ? items.slice(Math.max(items.length - last, 0)) : [];
    items = [...head, ...tail];
  }
  const expand = args.get('ExpandProperty');
  if (expand !== undefined && typeof expand !== 'boolean') {
    const name = toText(expand);
    return items.flatMap((item) => enumerate(memberOf(item, name)));
  }
  const wanted = names(args.get('Property'));
  let out: PsValue[] = items;
  if (wanted.length > 0) {
    out = items.map(
      (item) =>
        new PsObject(
          wanted.map((w) => {
            const spelt =
              item instanceof PsObject
                ? (item.names.find((n) => n.toLowerCase() === w.toLowerCase()) ?? w)
                : w;
            return [spelt, memberOf(item, w)] as const;
          }),
        ),
    );
  }
  return args.get('Unique') === true ? unique(out, false) : out;
}

/** Sort-Object: by the named properties (or the values themselves), stable, ascending unless -Descending. */
export function sortObjects(args: BuiltinArguments, input: readonly PsValue[]): PsValue[] {
  const by = names(args.get('Property'));
  const caseSensitive = args.get('CaseSensitive') === true;
  const key = (item: PsValue): string[] =>
    (by.length ? by.map((b) => toText(memberOf(item, b))) : [toText(item)]).map((k) =>
      caseSensitive ? k : k.toLowerCase(),
    );
  const direction = args.get('Descending') === true ? -1 : 1;
  const sorted = input
    .map((item, index) => ({ item, index, key: key(item) }))
    .sort((a, b) => {
      for (let i = 0; i < a.key.length; i++) {
        const order = compareKeys(a.key[i] ?? '', b.key[i] ?? '');
        if (order !== 0) return order * direction;
      }
      return a.index - b.index;
    })
    .map((e) => e.item);
  return args.get('Unique') === true ? unique(sorted, caseSensitive, by) : sorted;
}

/** Numbers as numbers, everything else as text in invariant order. */
function compareKeys(a: string, b: string): number {
  const number = /^-?\d+(\.\d+)?$/;
  if (number.test(a) && number.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

function unique(items: readonly PsValue[], caseSensitive: boolean, by: string[] = []): PsValue[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const text = by.length ? by.map((b) => toText(memberOf(item, b))).join('\u0000') : toText(item);
    const k = caseSensitive ? text : text.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
